package io.rtm.client;

import io.rtm.test.GatewayListenState;
import io.rtm.test.RtmTestServer;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds clients pointed at an embedded gateway, with quick reconnects for tests. */
final class ClientTestSupport {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final ReconnectPolicy QUICK_RECONNECT =
            new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0.2)
                    .withFastRetry(Duration.ofMillis(20), Duration.ofSeconds(30));

    private ClientTestSupport() {
    }

    static RtmServerClient.Builder clientFor(RtmTestServer server) {
        return RtmServerClient.builder()
                .endpoint(server.host(), server.port())
                .projectId(server.projectId())
                .secretKey(server.secretKey())
                .reconnect(QUICK_RECONNECT);
    }

    /** The listen state the gateway holds for its only connection. */
    static GatewayListenState gatewayState(RtmTestServer server) {
        return server.connections().get(0).listenState();
    }

    /** The live threads whose names start with the prefix. */
    static Set<Thread> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
                .collect(Collectors.toSet());
    }

    /** Closes what a test opened, in order, skipping what it never created. */
    static void closeAll(AutoCloseable... resources) throws Exception {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                resource.close();
            }
        }
    }
}
