package io.rtm.spring.listener;

import java.lang.reflect.Method;

import io.rtm.spring.config.RtmListenerEndpoint;

/**
 * A listener method failed on a relayed push ({@link RtmPushDispatcher#dispatchRelayed}), so that the relay's
 * own error handling (back-off, dead letters) can decide what becomes of the push. The cause is what the
 * method, an interceptor or the argument conversion threw.
 */
public class RtmListenerFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Object push;

    private final String listenerId;

    private final transient Method method;

    /**
     * @param push       the {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent}
     * @param listenerId the id of the listener that failed
     * @param method     its method
     * @param cause      what it threw
     */
    public RtmListenerFailedException(Object push, String listenerId, Method method, Exception cause) {
        super("Listener '" + listenerId + "' (" + RtmListenerEndpoint.describe(method) + ") failed on " + push,
                cause);
        this.push = push;
        this.listenerId = listenerId;
        this.method = method;
    }

    /** The {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent} the listener failed on. */
    public Object getPush() {
        return this.push;
    }

    /** The id of the listener that failed. */
    public String getListenerId() {
        return this.listenerId;
    }

    /** The listener method. */
    public Method getMethod() {
        return this.method;
    }

    /** What the listener threw. */
    @Override
    public synchronized Exception getCause() {
        return (Exception) super.getCause();
    }
}
