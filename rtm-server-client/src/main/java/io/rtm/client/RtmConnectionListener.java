package io.rtm.client;

/**
 * Connection changes of an {@link RtmServerClient}, on the client's connection
 * thread, one at a time and in order. Every method does nothing by default.
 */
public interface RtmConnectionListener {

    /**
     * A connection is ready: the encryption handshake (when configured) is done
     * and the listen state applied.
     *
     * @param reconnect whether it replaces a connection that was lost
     */
    default void connected(RtmEndpoint endpoint, boolean reconnect) {
    }

    /**
     * An attempt ended before its connection was ready; the client tries again
     * unless it is closing.
     *
     * @param reconnect whether the attempt followed a lost connection
     */
    default void connectFailed(RtmEndpoint endpoint, boolean reconnect) {
    }

    /**
     * A ready connection closed.
     *
     * @param causedByError whether it closed for any reason other than the client closing it
     * @param willReconnect whether the client is going to reconnect
     */
    default void disconnected(RtmEndpoint endpoint, boolean causedByError, boolean willReconnect) {
    }

    /** The gateway pinged the connection (already answered). */
    default void pinged() {
    }
}
