package io.rtm.client;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RtmEndpointTest {

    @Test
    void parsesHostAndPort() {
        assertThat(RtmEndpoint.parse("rtm.example.com:13315")).isEqualTo(new RtmEndpoint("rtm.example.com", 13315));
        assertThat(RtmEndpoint.parse(" [::1]:80 ")).isEqualTo(new RtmEndpoint("::1", 80));
        assertThat(new RtmEndpoint("::1", 80)).hasToString("[::1]:80");
    }

    @Test
    void explainsWhatIsWrong() {
        assertThatIllegalArgumentException().isThrownBy(() -> RtmEndpoint.parse("")).withMessageContaining("empty");
        assertThatIllegalArgumentException().isThrownBy(() -> RtmEndpoint.parse("host"))
                .withMessageContaining("host:port");
        assertThatIllegalArgumentException().isThrownBy(() -> RtmEndpoint.parse("host:http"))
                .withMessageContaining("not a number");
        assertThatIllegalArgumentException().isThrownBy(() -> RtmEndpoint.parse("host:70000"))
                .withMessageContaining("1 to 65535");
        assertThatIllegalArgumentException().isThrownBy(() -> RtmEndpoint.parse("::1:80"))
                .withMessageContaining("[address]:port");
    }
}
