package io.rtm.client;

import java.time.Duration;

/**
 * Hooks for measuring a client: pushes received, duplicates dropped, malformed
 * pushes, quests and reconnects. Called on network threads, except
 * {@link #pushFailed}, which is called on the thread that completed the
 * listener's stage (a dispatch thread or another); either way implementations
 * must be fast and must not block. Every method does nothing by default.
 */
public interface RtmClientObserver {

    /** Observes nothing. */
    RtmClientObserver NONE = new RtmClientObserver() {
    };

    /** A push passed de-duplication and was queued for the monitor. */
    default void pushReceived(RtmPushType type) {
    }

    /** A push was dropped as a duplicate. */
    default void duplicateDropped(RtmPushType type) {
    }

    /**
     * A push listener finished a push later and reported a failure; with
     * {@link AckMode#AFTER_HANDLING} the push was left unanswered, for the
     * gateway to push again. Called on the thread that completed the stage.
     */
    default void pushFailed(RtmPushType type) {
    }

    /** A push could not be read and was answered with an error. */
    default void malformedPush(String method) {
    }

    /**
     * A quest to the gateway finished.
     *
     * @param errorCode 0 for an OK answer, otherwise the error code
     */
    default void questCompleted(String method, Duration elapsed, int errorCode) {
    }

    /** A reconnect attempt is about to start. */
    default void reconnectAttempt(int attempt) {
    }

    /**
     * The gateway refused the listen state a new connection was given (for
     * example 200002: the credentials are wrong); the client asks again on the
     * same connection, which is not ready meanwhile.
     */
    default void listenRefused(RtmException refusal) {
    }

    /**
     * A connection became ready (handshake done, listen state applied).
     *
     * @param reconnect whether it replaces a connection that was lost
     */
    default void connected(boolean reconnect) {
    }

    /**
     * A ready connection closed.
     *
     * @param causedByError whether it closed for any reason other than the client closing it
     */
    default void disconnected(boolean causedByError) {
    }
}
