package io.rtm.spring.listener;

import org.springframework.context.ApplicationEvent;

/**
 * The connection of the RTM server client to the gateway closed. Published on the
 * client's connection thread.
 */
public class RtmDisconnectedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String endpoint;

    private final boolean causedByError;

    private final boolean willReconnect;

    /**
     * Creates the event.
     *
     * @param source        the dispatcher that saw the connection close
     * @param endpoint      the gateway's host:port
     * @param causedByError whether it closed for any reason other than closing the client
     * @param willReconnect whether the client is going to reconnect
     */
    public RtmDisconnectedEvent(Object source, String endpoint, boolean causedByError, boolean willReconnect) {
        super(source);
        this.endpoint = endpoint;
        this.causedByError = causedByError;
        this.willReconnect = willReconnect;
    }

    /** The gateway's host:port. */
    public String getEndpoint() {
        return this.endpoint;
    }

    /** Whether the connection closed for any reason other than closing the client. */
    public boolean isCausedByError() {
        return this.causedByError;
    }

    /** Whether the client is going to reconnect. */
    public boolean isWillReconnect() {
        return this.willReconnect;
    }

    @Override
    public String toString() {
        return "RtmDisconnectedEvent{endpoint=" + this.endpoint + ", causedByError=" + this.causedByError
                + ", willReconnect=" + this.willReconnect + "}";
    }
}
