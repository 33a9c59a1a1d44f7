package io.rtm.spring.listener.adapter;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.annotation.ReflectiveRuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/** AOT: what @RtmListener methods need at run time, found the way Spring finds every {@code @Reflective}. */
class RtmListenerReflectiveProcessorTests {

    record Order(String id, int quantity, Item item) {
    }

    record Item(String name) {
    }

    static class Shop {

        @RtmListener(RtmPushType.GROUP_MESSAGE)
        void onOrder(Order order, RtmMessage message) {
        }

        @RtmListener(RtmPushType.EVENT)
        void onEvent(RtmEvent event, String data) {
        }

        void notAListener(Item item) {
        }
    }

    @Test
    void listenerMethodsAreInvocableAndTheirJsonPayloadTypesBound() {
        RuntimeHints hints = new RuntimeHints();
        new ReflectiveRuntimeHintsRegistrar().registerRuntimeHints(hints, Shop.class);

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Shop.class, "onOrder")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Shop.class, "onEvent")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Shop.class, "notAListener"))
            .rejects(hints);
        // Jackson builds the record through its constructor and reads its accessors, nested types too
        assertThat(RuntimeHintsPredicates.reflection().onType(Order.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(Order.class, "id")).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Item.class)).accepts(hints);
        // the pushes themselves are read without reflection
        assertThat(RuntimeHintsPredicates.reflection().onType(RtmMessage.class)).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(RtmEvent.class)).rejects(hints);
    }
}
