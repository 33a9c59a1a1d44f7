package io.rtm.spring.boot.test.spring;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.test.EmbeddedRtmServer;
import io.rtm.test.GatewayListenState;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * A context that is stopped and started again connects again: listeners, the
 * declared listen set and runtime listen changes all survive. Spring's test
 * context cache does this to every cached context it pauses.
 */
class RtmRestartTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void stopThenStartConnectsAgainWithTheListenSetAndRuntimeChanges() {
        try (RtmTestServer server = RtmTestServer.builder().build().start();
                ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                    .web(WebApplicationType.NONE)
                    .properties("rtm.endpoint=" + server.endpoint(), "rtm.project-id=" + server.projectId(),
                            "rtm.secret-key=" + server.secretKey(), "rtm.listen.rooms=2001")
                    .run()) {
            RtmServerClient client = context.getBean(RtmServerClient.class);
            Chats chats = context.getBean(Chats.class);
            client.addListen(Set.of(1002L), null, null, null);

            context.stop();
            server.awaitCondition(WAIT, "disconnected", () -> server.connectionCount() == 0);
            client.addListenAsync(Set.of(1003L), null, null, null); // while stopped: kept for the next connection

            context.start();
            server.awaitCondition(WAIT, "connected again", () -> client.isConnected() && server.connectionCount() == 1);
            GatewayListenState listening = server.connections().get(0).listenState();
            assertThat(listening.gids()).containsExactlyInAnyOrder(1001L, 1002L, 1003L);
            assertThat(listening.rids()).containsExactly(2001L);
            server.pushGroupMessage(7, 1001, 1, 30, "after the restart", "");
            server.awaitCondition(WAIT, "handled after the restart", () -> chats.received.size() == 1);
        }
    }

    @Test
    void aPausedCachedTestContextThatIsUsedAgainReceivesPushes() {
        firstContext = null;
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(First.class), selectClass(Second.class), selectClass(Third.class))
            .configurationParameter("junit.jupiter.testclass.order.default", ClassOrderer.OrderAnnotation.class.getName())
            .build(), summary);
        firstContext = null; // closed by now: not kept from the garbage collector
        TestExecutionSummary result = summary.getSummary();
        result.getFailures().forEach((failure) -> {
            throw new AssertionError(failure.getTestIdentifier().getDisplayName() + " failed", failure.getException());
        });
        assertThat(result.getTestsSucceededCount()).isEqualTo(3);
    }

    /** Receives group chats. */
    static class Chats {

        final List<RtmMessage> received = new CopyOnWriteArrayList<>();

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "1001")
        void onChat(RtmMessage message) {
            this.received.add(message);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Chats chats() {
            return new Chats();
        }
    }

    /**
     * The context {@link First} got, for {@link Second} and {@link Third} to compare theirs with; set by the
     * launched run, which {@link #aPausedCachedTestContextThatIsUsedAgainReceivesPushes} resets before and after.
     */
    static volatile ApplicationContext firstContext;

    /** The body of {@link First}, {@link Second} and {@link Third}: one push, received, in the context it got. */
    abstract static class ReceivingTestCase {

        @Autowired
        RtmTestServer server;

        @Autowired
        Chats chats;

        @Autowired
        ApplicationContext context;

        /** The mid of this class's push. */
        abstract long mid();

        /** Checks (or records) the context this class got, before its push. */
        abstract void checkContext(ApplicationContext context);

        @Test
        void receives() {
            checkContext(this.context);
            pushAndReceive(this.server, this.chats, mid());
        }
    }

    /** A test class whose context the cache keeps, and pauses while {@link Second} runs. */
    @SpringBootTest(classes = App.class)
    @EmbeddedRtmServer
    @Order(1)
    static class First extends ReceivingTestCase {

        @Override
        long mid() {
            return 1;
        }

        @Override
        void checkContext(ApplicationContext context) {
            firstContext = context;
        }
    }

    /** Another context: the cache pauses {@link First}'s. */
    @SpringBootTest(classes = App.class, properties = "rtm.listen.rooms=2001")
    @EmbeddedRtmServer
    @DirtiesContext
    @Order(2)
    static class Second extends ReceivingTestCase {

        @Override
        long mid() {
            return 2;
        }

        @Override
        void checkContext(ApplicationContext context) {
            assertThat(firstContext).as("First's context").isNotNull();
            assertThat(context).as("the context of another configuration").isNotSameAs(firstContext);
            RtmServerClient firstClient = firstContext.getBean(RtmServerClient.class);
            RtmTestServer firstServer = firstContext.getBean(RtmTestServer.class);
            firstServer.awaitCondition(WAIT, "First's context paused: its client disconnected",
                    () -> !firstClient.isConnected() && firstServer.connectionCount() == 0);
        }
    }

    /** {@link First}'s context again, restarted by the cache. */
    @SpringBootTest(classes = App.class)
    @EmbeddedRtmServer
    @DirtiesContext
    @Order(3)
    static class Third extends ReceivingTestCase {

        @Override
        long mid() {
            return 3;
        }

        @Override
        void checkContext(ApplicationContext context) {
            assertThat(context).as("First's context, from the cache").isSameAs(firstContext);
        }
    }

    private static void pushAndReceive(RtmTestServer server, Chats chats, long mid) {
        server.awaitCondition(WAIT, "connected", () -> server.connectionCount() == 1);
        int before = chats.received.size();
        server.pushGroupMessage(7, 1001, mid, 30, "hi", "");
        server.awaitCondition(WAIT, "received", () -> chats.received.size() == before + 1);
    }
}
