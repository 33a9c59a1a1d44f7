package io.rtm.spring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.config.InvalidRtmListenerException;
import io.rtm.spring.config.RtmListenerContainer;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import io.rtm.test.GatewayListenState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

import static io.rtm.test.RtmTestPush.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Listener ids and per-listener start and stop, against the embedded gateway on a real socket: what a stopped
 * listener receives (nothing) and what the gateway is asked to listen to.
 */
class RtmListenerContainerTests extends EmbeddedGatewayTests {

    private static final Map<String, Object> PROPERTIES = Map.of("test.orders-id", "orders", "test.audit-starts",
            "false");

    @Test
    void idsAreTheDeclaredOnesOrTheMethodsAndNameTheContainers() {
        try (AnnotationConfigApplicationContext context = start(Shop.class)) {
            RtmListenerEndpointRegistry registry = context.getBean(RtmListenerEndpointRegistry.class);
            assertThat(registry.getListenerIds()).containsExactlyInAnyOrder("orders", "audit",
                    "rtmListenerContainerTests.Shop.onLobby(RtmMessage)");
            RtmListenerContainer orders = registry.getListenerContainer("orders");
            assertThat(orders).isNotNull();
            assertThat(orders.getEndpoint().method().getName()).isEqualTo("onOrder");
            assertThat(orders.isAutoStartup()).isTrue();
            assertThat(orders.isRunning()).isTrue();
            assertThat(registry.getListenerContainer("audit").isRunning()).isFalse();
            assertThat(registry.getListenerContainer("nothing")).isNull();
        }
    }

    @Test
    void aListenerThatDoesNotStartAutomaticallyGetsNothingAndIsNotListenedToUntilStarted() {
        try (AnnotationConfigApplicationContext context = start(Shop.class)) {
            Shop shop = context.getBean(Shop.class);
            assertThat(listening().gids()).containsExactlyInAnyOrder(1001L, 1002L).doesNotContain(1003L);

            this.gateway.push(group(1002).from(7).chat("before"));
            this.gateway.awaitCondition(WAIT, "the lobby's push handled", () -> shop.calls.contains("lobby:before"));
            assertThat(shop.calls).doesNotContain("audit:before");

            RtmListenerContainer audit = context.getBean(RtmListenerEndpointRegistry.class)
                .getListenerContainer("audit");
            audit.start();
            this.gateway.awaitCondition(WAIT, "group 1003 listened to", () -> listening().gids().contains(1003L));
            this.gateway.push(group(1003).from(7).chat("after"));
            this.gateway.awaitCondition(WAIT, "the audit's push handled", () -> shop.calls.contains("audit:after"));
        }
    }

    @Test
    void aStoppedListenerGetsNothingAndOnlyTheIdsNoOtherListenerNeedsLeaveTheListenSet() {
        try (AnnotationConfigApplicationContext context = start(Shop.class)) {
            Shop shop = context.getBean(Shop.class);
            RtmListenerContainer orders = context.getBean(RtmListenerEndpointRegistry.class)
                .getListenerContainer("orders");

            orders.stop();
            assertThat(orders.isRunning()).isFalse();
            // group 1001 was the orders' alone; 1002 is the lobby's too
            this.gateway.awaitCondition(WAIT, "group 1001 no longer listened to",
                    () -> !listening().gids().contains(1001L));
            assertThat(listening().gids()).containsExactly(1002L);
            this.gateway.push(group(1002).from(7).chat("while stopped"));
            this.gateway.awaitCondition(WAIT, "the lobby's push handled",
                    () -> shop.calls.contains("lobby:while stopped"));
            assertThat(shop.calls).doesNotContain("order:while stopped");

            orders.start();
            this.gateway.awaitCondition(WAIT, "group 1001 listened to again", () -> listening().gids().contains(1001L));
            this.gateway.push(group(1002).from(7).chat("again"));
            this.gateway.awaitCondition(WAIT, "both handled",
                    () -> shop.calls.containsAll(List.of("order:again", "lobby:again")));
        }
    }

    @Test
    void anAutoStartupThatIsNotABooleanStopsStartupNamingTheMethod() {
        assertThatThrownBy(() -> start(BadAutoStartup.class).close()).isInstanceOf(BeanCreationException.class)
            .rootCause()
            .isInstanceOf(InvalidRtmListenerException.class)
            .hasMessageContaining("BadAutoStartup.onChat(String)")
            .hasMessageContaining("autoStartup = \"${test.orders-id}\" resolves to 'orders'")
            .hasMessageContaining("neither true nor false");
    }

    @Test
    void anIdThatResolvesToNothingStopsStartupNamingTheMethod() {
        assertThatThrownBy(() -> start(BlankId.class).close()).isInstanceOf(BeanCreationException.class)
            .rootCause()
            .isInstanceOf(InvalidRtmListenerException.class)
            .hasMessageContaining("BlankId.onChat(String)")
            .hasMessageContaining("id = \"${test.no-id:}\" resolves to nothing");
    }

    private AnnotationConfigApplicationContext start(Class<?> listeners) {
        return start(PROPERTIES, listeners);
    }

    private GatewayListenState listening() {
        return this.gateway.connections().get(0).listenState();
    }

    @Configuration(proxyBeanMethods = false)
    static class Shop {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @RtmListener(id = "${test.orders-id}", value = RtmPushType.GROUP_CHAT, groups = { "1001", "1002" })
        void onOrder(RtmMessage message) {
            this.calls.add("order:" + message.text());
        }

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "1002")
        void onLobby(RtmMessage message) {
            this.calls.add("lobby:" + message.text());
        }

        @RtmListener(id = "audit", autoStartup = "${test.audit-starts}", value = RtmPushType.GROUP_CHAT,
                groups = { "1002", "1003" })
        void onAudit(RtmMessage message) {
            this.calls.add("audit:" + message.text());
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadAutoStartup {

        @RtmListener(autoStartup = "${test.orders-id}", value = RtmPushType.GROUP_CHAT, groups = "1001")
        void onChat(String text) {
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BlankId {

        @RtmListener(id = "${test.no-id:}", value = RtmPushType.GROUP_CHAT, groups = "1001")
        void onChat(String text) {
        }
    }
}
