package io.rtm.sample;

import io.rtm.spring.boot.test.RtmTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** With a gateway configured, neither the embedded gateway nor the traffic driver starts. */
@SpringBootTest(properties = {"rtm.endpoint=127.0.0.1:1", "rtm.project-id=11000001", "rtm.secret-key=not-used",
        "rtm.connect-timeout=100ms"})
class RealGatewayConfigurationTests {

    @Autowired
    private ApplicationContext context;

    @Test
    void embeddedGatewayAndDriverStayOff() {
        assertThat(context.getBeansOfType(RtmTestServer.class)).isEmpty();
        assertThat(context.getBeansOfType(TrafficDriver.class)).isEmpty();
        assertThat(context.getBean(SupportDesk.class)).isNotNull();
    }
}
