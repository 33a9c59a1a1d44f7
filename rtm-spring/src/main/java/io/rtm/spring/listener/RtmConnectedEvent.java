package io.rtm.spring.listener;

import org.springframework.context.ApplicationEvent;

/**
 * The RTM server client is connected to the gateway and its listen state applied.
 * Published on the client's connection thread.
 */
public class RtmConnectedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String endpoint;

    private final boolean reconnect;

    /**
     * Creates the event.
     *
     * @param source    the dispatcher that saw the connection
     * @param endpoint  the gateway's host:port
     * @param reconnect whether this connection replaces a lost one
     */
    public RtmConnectedEvent(Object source, String endpoint, boolean reconnect) {
        super(source);
        this.endpoint = endpoint;
        this.reconnect = reconnect;
    }

    /** The gateway's host:port. */
    public String getEndpoint() {
        return this.endpoint;
    }

    /** Whether this connection replaces a lost one. */
    public boolean isReconnect() {
        return this.reconnect;
    }

    @Override
    public String toString() {
        return "RtmConnectedEvent{endpoint=" + this.endpoint + ", reconnect=" + this.reconnect + "}";
    }
}
