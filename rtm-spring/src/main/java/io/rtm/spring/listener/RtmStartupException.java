package io.rtm.spring.listener;

import io.rtm.client.RtmEndpoint;
import io.rtm.client.RtmException;

/**
 * The {@link RtmConnectionLifecycle} could not start: the gateway refused the
 * credentials, or (when asked to fail then) no connection was ready in time.
 * The message names the gateway and the cause, never the secret.
 */
public final class RtmStartupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the start failed. */
    public enum Reason {
        /** The gateway refused the project id or the secret key (200001, 200002). */
        CREDENTIALS_REFUSED,
        /** No connection was ready within the startup timeout. */
        UNREACHABLE
    }

    private final Reason reason;

    private final transient RtmEndpoint endpoint;

    RtmStartupException(Reason reason, RtmEndpoint endpoint, String message, RtmException cause) {
        super(message, cause);
        this.reason = reason;
        this.endpoint = endpoint;
    }

    /** Why the start failed. */
    public Reason getReason() {
        return this.reason;
    }

    /** The gateway the client was to connect to. */
    public RtmEndpoint getEndpoint() {
        return this.endpoint;
    }

    /** What the client reported: the gateway's error, or the timeout. */
    @Override
    public synchronized RtmException getCause() {
        return (RtmException) super.getCause();
    }
}
