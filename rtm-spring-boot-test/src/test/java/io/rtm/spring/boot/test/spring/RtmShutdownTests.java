package io.rtm.spring.boot.test.spring;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the application context lets every push the client answered reach its listener, then disconnects. */
class RtmShutdownTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RtmTestServer gateway = RtmTestServer.builder().build().start();

    @AfterEach
    void stopGateway() {
        this.gateway.close();
    }

    @Test
    void closingTheContextDrainsQueuedListenerCalls() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .properties("spring.main.web-application-type=none", "rtm.endpoint=" + this.gateway.endpoint(),
                    "rtm.project-id=" + this.gateway.projectId(), "rtm.secret-key=" + this.gateway.secretKey(),
                    "rtm.listen.groups=1001", "rtm.listener.concurrency=1", "rtm.listener.queue-capacity=20",
                    "rtm.listener.shutdown-timeout=30s")
            .run();
        SlowListener listener = context.getBean(SlowListener.class);
        RtmServerClient client = context.getBean(RtmServerClient.class);
        this.gateway.awaitCondition(WAIT, "listening", () -> client.isConnected() && this.gateway.connectionCount() == 1
                && this.gateway.connections().get(0).listenState().gids().contains(1001L));
        for (int mid = 0; mid < 300; mid++) {
            this.gateway.pushGroupMessage(7, 1001, mid, 51, "push " + mid, "");
        }
        this.gateway.awaitCondition(WAIT, "pushes queued for the listener", () -> client.dispatchQueueDepth() > 5);

        context.close();

        assertThat(client.isConnected()).isFalse();
        // answers still in flight are counted once the gateway has seen the connection end
        this.gateway.awaitCondition(WAIT, "disconnected", () -> this.gateway.connectionCount() == 0);
        long answered = this.gateway.pushesAnswered();
        String counts = "pushes sent " + this.gateway.pushesSent() + ", answered " + answered + ", error answers "
                + this.gateway.pushErrorAnswers() + ", handled " + listener.mids.size();
        assertThat(answered).as(counts).isGreaterThan(5);
        assertThat(listener.mids).as("every answered push reached the listener before the client closed; " + counts)
            .hasSize((int) answered);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        SlowListener slowListener() {
            return new SlowListener();
        }
    }

    static class SlowListener {

        final Set<Long> mids = ConcurrentHashMap.newKeySet();

        @RtmListener(RtmPushType.GROUP_MESSAGE)
        void onGroupMessage(RtmMessage message) {
            LockSupport.parkNanos(2_000_000);
            this.mids.add(message.messageId());
        }
    }
}
