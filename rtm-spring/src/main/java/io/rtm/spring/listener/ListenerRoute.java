package io.rtm.spring.listener;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.config.RtmListenerContainer;
import io.rtm.spring.config.RtmListenerEndpoint;

import io.rtm.spring.listener.adapter.RtmInvocableHandlerMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/**
 * A listener method on the way of one push type: the filter of that type (ids for a message type, event
 * names for {@link RtmPushType#EVENT}), the container that may stop it and the invocable method. Checking
 * the filter neither allocates nor boxes: the ids are a sorted {@code long[]}.
 */
final class ListenerRoute {

    private static final long[] ANY = {};

    private final RtmListenerContainer container;

    private final RtmListenerEndpoint endpoint;

    private final RtmPushType type;

    private final RtmInvocableHandlerMethod handler;

    /** Sends what the method returns; {@code null} when it returns nothing. */
    private final @Nullable ListenerReply reply;

    /** The target ids a message must have, sorted; empty: any. */
    private final long[] targets;

    /** The event names an event must have; empty: any. */
    private final Set<String> events;

    ListenerRoute(RtmListenerContainer container, RtmPushType type, RtmInvocableHandlerMethod handler,
            @Nullable ListenerReply reply) {
        this.container = container;
        this.endpoint = container.getEndpoint();
        this.type = type;
        this.handler = handler;
        this.reply = reply;
        this.targets = type.isMessage() ? sorted(this.endpoint.targets(type.source())) : ANY;
        this.events = type.isMessage() ? Set.of() : this.endpoint.events();
    }

    private static long[] sorted(Set<Long> ids) {
        long[] sorted = ids.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    /**
     * Whether the push, an {@link RtmMessage} or {@link RtmEvent} of this route's type, passes the filter
     * while the listener's container runs.
     */
    boolean accepts(Object push) {
        if (!this.container.isRunning()) {
            return false;
        }
        if (push instanceof RtmMessage message) {
            return this.targets.length == 0 || Arrays.binarySearch(this.targets, message.toId()) >= 0;
        }
        return this.events.isEmpty() || this.events.contains(((RtmEvent) push).event());
    }

    RtmPushType type() {
        return this.type;
    }

    String id() {
        return this.endpoint.id();
    }

    Method method() {
        return this.endpoint.method();
    }

    /** Calls the method with arguments resolved from the message, whose payload is the push, and replies. */
    void invoke(Message<?> push) throws Exception {
        replyWith(push, this.handler.invoke(push));
    }

    /** The arguments the method takes for the message, whose payload is the push. */
    @Nullable Object[] resolveArguments(Message<?> push) throws Exception {
        return this.handler.resolveArguments(push);
    }

    /** Calls the method with arguments from {@link #resolveArguments}, replies, and returns what it returned. */
    @Nullable Object invoke(Message<?> push, @Nullable Object[] arguments) throws Exception {
        return replyWith(push, this.handler.invokeWith(arguments));
    }

    private @Nullable Object replyWith(Message<?> push, @Nullable Object returned) {
        if (this.reply != null && returned != null) {
            this.reply.send((RtmMessage) push.getPayload(), returned);
        }
        return returned;
    }
}
