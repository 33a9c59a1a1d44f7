package io.rtm.spring.boot.test.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.test.EmbeddedRtmServer;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/** With every bean lazy, the listener beans are created all the same: registered, their ids listened to. */
@SpringBootTest(classes = RtmLazyInitializationTests.App.class, properties = "spring.main.lazy-initialization=true")
@EmbeddedRtmServer
// closed after the class: other tests in this module check that no client thread is left running
@DirtiesContext
class RtmLazyInitializationTests {

    @Autowired
    RtmTestServer server;

    // no LazyListener field: injecting it would create the bean for the test, before the test looks
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void aListenerOnALazyBeanIsRegisteredAndItsIdsAreListenedTo() {
        assertThat(this.context.getBeanFactory().containsSingleton("lazyListener"))
            .as("the lazy listener bean, created at startup though nothing asked for it").isTrue();
        this.server.awaitCondition(RtmEndToEndTests.WAIT, "the listener's group listened to",
                () -> this.server.connections().stream()
                    .anyMatch((connection) -> connection.listenState().gids().contains(4001L)));
        assertThat(this.server.pushGroupMessage(9, 4001, 1, 30, "hello", "")).isEqualTo(1);
        LazyListener listener = this.context.getBean(LazyListener.class);
        this.server.awaitCondition(RtmEndToEndTests.WAIT, "the push reached the listener",
                () -> listener.texts.contains("hello"));
    }

    static class LazyListener {

        final List<String> texts = new CopyOnWriteArrayList<>();

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "4001")
        void onChat(String text) {
            this.texts.add(text);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        LazyListener lazyListener() {
            return new LazyListener();
        }
    }
}
