package io.rtm.spring.boot.test;

import java.util.List;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import org.jspecify.annotations.Nullable;

/**
 * One call of a listener method, as the {@link RtmListenerTestHarness} recorded it.
 *
 * @param listenerId the listener's id ({@code @RtmListener(id = …)}, or {@code beanName.method(ParameterTypes)})
 * @param push       the {@link RtmMessage} or {@link RtmEvent}
 * @param arguments  what the method was called with; {@code null} when they could not be resolved
 * @param result     what the method returned; {@code null} for void, or when it threw
 * @param failure    what the method (or the resolution of its arguments) threw; {@code null} when it returned
 */
public record RtmListenerInvocation(String listenerId, Object push, @Nullable List<@Nullable Object> arguments,
        @Nullable Object result, @Nullable Throwable failure) {

    /** Whether the method returned normally. */
    public boolean succeeded() {
        return this.failure == null;
    }

    /**
     * The push as a message.
     *
     * @throws IllegalStateException when the push is an event
     */
    public RtmMessage message() {
        if (this.push instanceof RtmMessage message) {
            return message;
        }
        throw new IllegalStateException(this.listenerId + " was called with an event, not a message: " + this.push);
    }

    /**
     * The push as an event.
     *
     * @throws IllegalStateException when the push is a message
     */
    public RtmEvent event() {
        if (this.push instanceof RtmEvent event) {
            return event;
        }
        throw new IllegalStateException(this.listenerId + " was called with a message, not an event: " + this.push);
    }
}
