package io.rtm.spring.boot.test.spring;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.rtm.client.ListenFlags;
import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmEncryption;
import io.rtm.client.RtmException;
import io.rtm.client.RtmServerClient;
import io.rtm.test.RtmTestKeys;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every log line, at TRACE, through connecting, listening, an error answer, a
 * timeout, a reconnect, an encrypted connection and a failed startup: the
 * secret key appears in none of them.
 */
class SecretHygieneTests {

    private static final String SECRET = "hygiene-" + UUID.randomUUID();

    private static final ReconnectPolicy QUICK = new ReconnectPolicy(true, Duration.ofMillis(20),
            Duration.ofMillis(200), 2.0, 0.2);

    @Test
    void theSecretIsNeverLogged() {
        LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        List<Logger> quiet = List.of(logging.getLogger("io.rtm"), logging.getLogger("io.netty"));
        Level rootLevel = root.getLevel();
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        // TRACE is for the capture only: the build's console keeps its usual level
        List<ch.qos.logback.core.Appender<ILoggingEvent>> console = new java.util.ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        console.forEach(root::detachAppender);
        root.addAppender(captured);
        root.setLevel(Level.TRACE);
        quiet.forEach((logger) -> logger.setLevel(Level.TRACE));
        // Spring Boot must not reset the logging set up here when the application starts
        String loggingSystem = System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
        try {
            exerciseTheClient();
            exerciseAnEncryptedClient();
            exerciseAFailedStartup();
        }
        finally {
            restore("org.springframework.boot.logging.LoggingSystem", loggingSystem);
            root.detachAppender(captured);
            console.forEach(root::addAppender);
            root.setLevel(rootLevel);
            quiet.forEach((logger) -> logger.setLevel(Level.WARN));
        }

        assertThat(captured.list).as("log lines captured at TRACE").hasSizeGreaterThan(100);
        assertThat(captured.list).extracting(ILoggingEvent::getLevel).contains(Level.TRACE, Level.DEBUG, Level.WARN);
        for (ILoggingEvent event : captured.list) {
            String text = event.getFormattedMessage()
                    + ((event.getThrowableProxy() != null) ? ThrowableProxyUtil.asString(event.getThrowableProxy()) : "");
            assertThat(text).as("%s from %s", event.getLevel(), event.getLoggerName()).doesNotContain(SECRET);
        }
    }

    private static void exerciseTheClient() {
        try (RtmTestServer server = RtmTestServer.builder().secretKey(SECRET).build().start()) {
            RtmServerClient client = RtmServerClient.builder().endpoint(server.host(), server.port())
                .projectId(server.projectId()).secretKey(SECRET).reconnect(QUICK).build();
            try {
                client.connect();
                client.addListen(Set.of(1L), Set.of(2L), Set.of(3L), Set.of("login"));
                client.setListen(ListenFlags.of().allEvents(true));
                server.pushGroupMessage(7, 1, 1, 30, "hello", "");
                server.dropConnections();
                server.awaitCondition(Duration.ofSeconds(10), "reconnected", client::isConnected);
                server.pauseAnswering(true);
                assertThatThrownBy(() -> client.removeListen(Set.of(1L), null, null, null, Duration.ofMillis(100)))
                    .isInstanceOf(RtmException.class);
                server.pauseAnswering(false);
            }
            finally {
                client.close();
            }
            RtmServerClient wrongSecret = RtmServerClient.builder().endpoint(server.host(), server.port())
                .projectId(server.projectId()).secretKey(SECRET + "-wrong").reconnect(QUICK).build();
            try {
                // refused on connect, logged as an ERROR and asked again: none of it names the secret
                assertThatThrownBy(wrongSecret::connect).isInstanceOf(RtmException.class);
                assertThatThrownBy(() -> wrongSecret.addListen(Set.of(1L), null, null, null, Duration.ofMillis(100)))
                    .isInstanceOf(RtmException.class);
            }
            finally {
                wrongSecret.close();
            }
        }
    }

    private static void exerciseAnEncryptedClient() {
        RtmTestKeys keys = RtmTestKeys.generate("secp256r1");
        try (RtmTestServer server = RtmTestServer.builder().secretKey(SECRET).encryptionKey(keys).build().start()) {
            RtmServerClient client = RtmServerClient.builder().endpoint(server.host(), server.port())
                .projectId(server.projectId()).secretKey(SECRET).reconnect(QUICK)
                .encryption(RtmEncryption.fromPem(keys.publicKeyPem())).build();
            try {
                client.connect();
                client.addListen(Set.of(1L), null, null, null);
            }
            finally {
                client.close();
            }
        }
    }

    private static void exerciseAFailedStartup() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class)
            .properties("rtm.endpoint=no-port-here", "rtm.project-id=11000001", "rtm.secret-key=" + SECRET,
                    "spring.main.web-application-type=none")
            .run()).isNotNull();
        // a report of every required property, the secret among them with a placeholder left in it
        assertThatThrownBy(() -> new SpringApplicationBuilder(App.class)
            .properties("rtm.endpoint=tcp://no-port-here", "rtm.project-id=eleven",
                    "rtm.secret-key=" + SECRET + "${RTM_TEST_UNSET_SUFFIX}", "spring.main.web-application-type=none")
            .run()).isNotNull();
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        }
        else {
            System.setProperty(property, value);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

    }
}
