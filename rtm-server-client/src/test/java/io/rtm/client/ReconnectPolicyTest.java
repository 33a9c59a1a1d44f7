package io.rtm.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReconnectPolicyTest {

    @Test
    void growsExponentiallyWithinJitterAndNeverPassesTheCap() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.25);
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delay(0)).isBetween(Duration.ofMillis(75), Duration.ofMillis(100));
            assertThat(policy.delay(3)).isBetween(Duration.ofMillis(600), Duration.ofMillis(800));
            assertThat(policy.delay(40)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2));
        }
    }

    @Test
    void withoutJitterIsExact() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofSeconds(1), 3.0, 0);
        assertThat(policy.delay(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofMillis(450));
        assertThat(policy.delay(10_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void rejectsNonsense() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofMillis(1), Duration.ofSeconds(1), 0.5, 0.1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofMillis(1), Duration.ofSeconds(1), 2, 1.5));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofMillis(-1), Duration.ofSeconds(1), 2, 0));
    }
}
