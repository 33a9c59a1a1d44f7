package io.rtm.spring.boot.test.spring;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.fpnn.Payload;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.test.EmbeddedRtmServer;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Health and meters of a web application with the actuator, against the embedded gateway. */
@SpringBootTest(classes = RtmObservabilityEndToEndTests.App.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "rtm.listen.groups=1001,1003", "rtm.listen.events=login", "rtm.listen.all-rooms=true",
                "rtm.reconnect.initial-delay=50ms", "rtm.reconnect.max-delay=500ms",
                "management.endpoints.web.exposure.include=health",
                "management.endpoint.health.show-details=always" })
@EmbeddedRtmServer
// closed after the class: other tests in this module check that no client thread is left running
@DirtiesContext
class RtmObservabilityEndToEndTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Autowired
    RtmTestServer server;

    @Autowired
    RtmServerClient client;

    @Autowired
    MeterRegistry meters;

    @Autowired
    Environment environment;

    @Autowired
    ObservedListeners listeners;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void connectedAndListening() {
        await().atMost(WAIT).until(() -> "UP".equals(rtmHealth().path("status").asString()));
    }

    @AfterEach
    void gatewayRunning() {
        if (!this.server.isRunning()) {
            this.server.start();
        }
    }

    @Test
    void healthIsUpWithDetailsAndNoSecret() throws Exception {
        HttpResponse<String> response = get("/actuator/health");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(this.server.secretKey());
        JsonNode details = JsonMapper.shared().readTree(response.body()).path("components").path("rtm")
            .path("details");
        assertThat(details.path("endpoint").asString()).isEqualTo(this.server.endpoint());
        assertThat(details.path("connected").asBoolean()).isTrue();
        assertThat(details.path("listenSetApplied").asBoolean()).isTrue();
        assertThat(details.path("connectedSince").asString()).isNotBlank();
        assertThat(details.has("reconnects")).isTrue();
        JsonNode listen = details.path("listen");
        assertThat(listen.path("groups").asInt()).isEqualTo(2);
        assertThat(listen.path("rooms").asInt()).isZero();
        assertThat(listen.path("users").asInt()).isZero();
        assertThat(listen.path("events").asInt()).isEqualTo(1);
        assertThat(listen.path("allRooms").asBoolean()).isTrue();
        assertThat(listen.path("allP2p").asBoolean()).isFalse();
    }

    @Test
    void metersCountPushesDuplicatesMalformedPushesListenerCallsAndQuests() throws Exception {
        double chats = count("rtm.pushes", "type", "GROUP_CHAT");
        double events = count("rtm.pushes", "type", "EVENT");
        double duplicates = count("rtm.pushes.duplicates", "type", "GROUP_CHAT");
        double malformed = count("rtm.pushes.malformed", "method", "pushgroupmsg");

        this.server.pushGroupMessage(9, 1001, 7001, 30, "hello", "");
        this.server.pushGroupMessage(9, 1001, 7001, 30, "hello", "");
        this.server.pushGroupMessage(9, 1001, 7002, 30, "again", "");
        this.server.pushGroupMessage(9, 1003, 7003, 1, "boom", "");
        this.server.pushEvent("login", 77, 1, "", "");
        this.server.pushRaw("pushgroupmsg", Payload.builder().put("from", 7L).put("mid", 1L).put("mtype", 51)
            .put("msg", "x").put("attrs", "").put("mtime", 1L).build());

        await().atMost(WAIT).until(() -> this.listeners.chats.size() == 2 && this.listeners.failures.size() == 1);
        assertThat(count("rtm.pushes", "type", "GROUP_CHAT") - chats).isEqualTo(2);
        assertThat(count("rtm.pushes", "type", "EVENT") - events).isEqualTo(1);
        assertThat(count("rtm.pushes.duplicates", "type", "GROUP_CHAT") - duplicates).isEqualTo(1);
        await().atMost(WAIT).until(() -> count("rtm.pushes.malformed", "method", "pushgroupmsg") - malformed == 1);

        Timer chatCalls = this.meters.get("rtm.listener").tag("outcome", "SUCCESS")
            .tag("listener", "observedListeners.chat(RtmMessage)").timer();
        assertThat(chatCalls.count()).isGreaterThanOrEqualTo(2);
        Timer failedCalls = this.meters.get("rtm.listener").tag("outcome", "FAILURE")
            .tag("listener", "failing-orders").timer(); // a declared id names the listener in the metrics
        assertThat(failedCalls.count()).isGreaterThanOrEqualTo(1);
        assertThat(this.meters.get("rtm.listener.active").tag("listener", "observedListeners.chat(RtmMessage)")
            .longTaskTimer().activeTasks()).isZero();
        // the declared listen set goes out in the connection's setlisten
        assertThat(this.meters.get("rtm.quests").tag("method", "setlisten").tag("outcome", "SUCCESS").timer()
            .count()).isGreaterThanOrEqualTo(1);
        assertThat(this.meters.get("rtm.dispatch.queue").gauge().value()).isGreaterThanOrEqualTo(0);
        // tags never carry the secret
        this.meters.getMeters().forEach((meter) -> assertThat(meter.getId().toString())
            .doesNotContain(this.server.secretKey()));

        assertThat(rtmHealth().path("details").path("lastPush").asString()).isNotBlank();
    }

    @Test
    void healthIsDownWhileTheGatewayIsStoppedAndUpAgainAfterItsRestart() throws Exception {
        long reconnects = rtmHealth().path("details").path("reconnects").asLong();
        double reconnectAttempts = this.meters.get("rtm.reconnects").counter().count();

        this.server.stop();
        await().atMost(WAIT).until(() -> "DOWN".equals(rtmHealth().path("status").asString()));
        HttpResponse<String> down = get("/actuator/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).doesNotContain(this.server.secretKey());
        JsonNode details = rtmHealth().path("details");
        assertThat(details.path("connected").asBoolean()).isFalse();
        assertThat(details.has("connectedSince")).isFalse();

        this.server.start();
        await().atMost(WAIT).until(() -> "UP".equals(rtmHealth().path("status").asString()));
        details = rtmHealth().path("details");
        assertThat(details.path("reconnects").asLong()).isEqualTo(reconnects + 1);
        assertThat(details.path("connectedSince").asString()).isNotBlank();
        assertThat(details.path("listen").path("groups").asInt()).isEqualTo(2);
        assertThat(this.meters.get("rtm.reconnects").counter().count()).isGreaterThan(reconnectAttempts);
    }

    private double count(String name, String tag, String value) {
        Counter counter = this.meters.find(name).tag(tag, value).counter();
        return (counter != null) ? counter.count() : 0;
    }

    private JsonNode rtmHealth() throws IOException, InterruptedException {
        return JsonMapper.shared().readTree(get("/actuator/health").body()).path("components").path("rtm");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + this.environment.getProperty("local.server.port") + path);
        return this.http.send(HttpRequest.newBuilder(uri).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    static class ObservedListeners implements RtmListenerErrorHandler {

        final List<String> chats = new CopyOnWriteArrayList<>();

        final List<String> failures = new CopyOnWriteArrayList<>();

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "1001")
        void chat(RtmMessage message) {
            this.chats.add(message.text());
        }

        @RtmListener(id = "failing-orders", value = RtmPushType.GROUP_MESSAGE, groups = "1003")
        void failing(RtmMessage message) {
            throw new IllegalStateException("failing on " + message.messageId());
        }

        @Override
        public void handleError(Exception exception, Object push, Method method) {
            this.failures.add(method.getName());
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        ObservedListeners observedListeners() {
            return new ObservedListeners();
        }
    }
}
