package io.rtm.spring;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.ListenState;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.config.RtmListenerConfigurer;
import io.rtm.spring.config.RtmListenerEndpoint;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import io.rtm.spring.listener.RtmConnectedEvent;
import io.rtm.spring.listener.DefaultRtmListenerErrorHandler;
import io.rtm.spring.listener.LoggingRtmListenerRecoverer;
import io.rtm.spring.listener.RtmConnectionLifecycle;
import io.rtm.spring.listener.RtmPushDispatcher;
import io.rtm.spring.listener.RtmStartupOptions;
import io.rtm.spring.listener.adapter.RtmHandlerMethodFactory;
import io.rtm.test.GatewayListenState;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A plain Spring application (no Spring Boot): {@code @EnableRtm} on a configuration with a client bean,
 * against the embedded gateway on a real socket.
 */
class EnableRtmTests extends EmbeddedGatewayTests {


    @Test
    void springBootIsNotOnTheClassPath() {
        assertThatExceptionOfType(ClassNotFoundException.class)
            .isThrownBy(() -> Class.forName("org.springframework.boot.SpringApplication"));
        assertThatExceptionOfType(ClassNotFoundException.class)
            .isThrownBy(() -> Class.forName("org.springframework.boot.autoconfigure.AutoConfiguration"));
    }

    @Test
    void listenersReceiveAPushedMessageAndEventAndTheDeclaredSetIsListenedTo() {
        try (AnnotationConfigApplicationContext context = start(Map.of(),
                App.class)) {
            RtmServerClient client = context.getBean(RtmServerClient.class);
            App app = context.getBean(App.class);
            // the context starts once the client is connected, which it is once the declared set is applied
            assertThat(client.isConnected()).isTrue();
            GatewayListenState listening = this.gateway.connections().get(0).listenState();
            assertThat(listening.gids()).containsExactlyInAnyOrder(1001L, 1002L);
            assertThat(listening.rids()).containsExactly(2001L);
            assertThat(listening.events()).containsExactly("login");
            assertThat(listening.ev()).isTrue();
            assertThat(listening.p2p() || listening.group() || listening.room()).isFalse();

            this.gateway.pushGroupMessage(7, 1001, 1, 30, "hello", "");
            this.gateway.pushEvent("login", 42, 1, "", "");
            this.gateway.pushRoomMessage(7, 2001, 2, 30, "in code", "");

            this.gateway.awaitCondition(WAIT, "three listener calls", () -> app.calls.size() == 3);
            assertThat(app.calls).containsExactlyInAnyOrder("chat:1001:hello", "login:42",
                    "roomChat:2001:in code");
            assertThat(app.connections).singleElement()
                .satisfies((event) -> assertThat(event.getEndpoint()).isEqualTo(this.gateway.endpoint()));
            assertThat(client.isConnected()).isTrue();
        }
        this.gateway.awaitCondition(WAIT, "the client closed with the context",
                () -> this.gateway.connectionCount() == 0);
    }

    @Test
    void aBeanNamedLikeAnInfrastructureBeanReplacesIt() {
        // registered first: @EnableRtm finds the names taken (overriding a bean definition is not allowed here)
        try (AnnotationConfigApplicationContext context = TestContexts.start(properties(Map.of()),
                OwnInfrastructure.class, TestContexts.Client.class)) {
            OwnInfrastructure own = context.getBean(OwnInfrastructure.class);
            assertThat(context.getBeansOfType(RtmListenerEndpointRegistry.class).values())
                .containsExactly(own.registry);
            assertThat(context.getBeansOfType(RtmPushDispatcher.class).values()).containsExactly(own.dispatcher);
            assertThat(context.getBeansOfType(RtmConnectionLifecycle.class).values()).containsExactly(own.lifecycle);
            this.gateway.awaitCondition(WAIT, "own lifecycle connected",
                    () -> context.getBean(RtmServerClient.class).isConnected());
        }
    }

    /** Listeners on a message and an event, one endpoint registered in code, a declared listen state. */
    @Configuration(proxyBeanMethods = false)
    static class App {

        final List<String> calls = new CopyOnWriteArrayList<>();

        final List<RtmConnectedEvent> connections = new CopyOnWriteArrayList<>();

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "1001")
        void chat(RtmMessage message, String text) {
            this.calls.add("chat:" + message.toId() + ":" + text);
        }

        @RtmListener(value = RtmPushType.EVENT, events = "login")
        void login(RtmEvent event) {
            this.calls.add("login:" + event.uid());
        }

        /** Registered by the configurer below, not by an annotation. */
        public void roomChat(RtmMessage message) {
            this.calls.add("roomChat:" + message.toId() + ":" + message.text());
        }

        @EventListener
        void connected(RtmConnectedEvent event) {
            this.connections.add(event);
        }

        @Bean
        RtmListenerConfigurer roomChatEndpoint() throws NoSuchMethodException {
            Method method = App.class.getMethod("roomChat", RtmMessage.class);
            return (registrar) -> registrar.registerEndpoint(new RtmListenerEndpoint("app.roomChat", this, method,
                    Set.of(RtmPushType.ROOM_CHAT), Set.of(), Set.of(2001L), Set.of(), Set.of()));
        }

        @Bean
        ListenState moreListens() {
            return new ListenState(Set.of(1002L), Set.of(), Set.of(), Set.of(), false, false, false, true);
        }
    }

    /** The registry, the dispatcher and the lifecycle of the application's own making. */
    @Configuration(proxyBeanMethods = false)
    static class OwnInfrastructure {

        @Nullable RtmListenerEndpointRegistry registry;

        @Nullable RtmPushDispatcher dispatcher;

        @Nullable RtmConnectionLifecycle lifecycle;

        @Bean(RtmListenerConfigUtils.RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME)
        RtmListenerEndpointRegistry ownRegistry() {
            this.registry = new RtmListenerEndpointRegistry();
            return this.registry;
        }

        @Bean(RtmListenerConfigUtils.RTM_PUSH_DISPATCHER_BEAN_NAME)
        RtmPushDispatcher ownDispatcher(RtmListenerEndpointRegistry registry, ApplicationEventPublisher publisher) {
            this.dispatcher = new RtmPushDispatcher(registry, new RtmHandlerMethodFactory(null),
                    new DefaultRtmListenerErrorHandler(new LoggingRtmListenerRecoverer()), List.of(), List.of(), publisher);
            return this.dispatcher;
        }

        @Bean(RtmListenerConfigUtils.RTM_CONNECTION_LIFECYCLE_BEAN_NAME)
        RtmConnectionLifecycle ownLifecycle(RtmServerClient client, RtmPushDispatcher dispatcher,
                RtmListenerEndpointRegistry registry) {
            this.lifecycle = new RtmConnectionLifecycle(client, dispatcher, registry, List.of(),
                    RtmStartupOptions.DEFAULT);
            return this.lifecycle;
        }
    }
}
