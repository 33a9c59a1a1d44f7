package io.rtm.sample;

import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;

/** With a gateway configured, neither the embedded gateway nor the traffic driver starts. */
@SpringBootTest(properties = {"rtm.project-id=11000001", "rtm.secret-key=not-used", "rtm.connect-timeout=100ms"})
class RealGatewayConfigurationTests {

    /** A loopback port picked at run time that nothing listens on: the application starts without its gateway. */
    @DynamicPropertySource
    static void unreachableGateway(DynamicPropertyRegistry registry) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = socket.getLocalPort();
            registry.add("rtm.endpoint", () -> "127.0.0.1:" + port);
        }
    }

    @Autowired
    private ApplicationContext context;

    @Test
    void embeddedGatewayAndDriverStayOff() {
        assertThat(context.getBeansOfType(RtmTestServer.class)).isEmpty();
        assertThat(context.getBeansOfType(TrafficDriver.class)).isEmpty();
        assertThat(context.getBean(SupportDesk.class)).isNotNull();
    }
}
