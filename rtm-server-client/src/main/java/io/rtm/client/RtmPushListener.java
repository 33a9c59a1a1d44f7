package io.rtm.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Receives the pushes of an {@link RtmServerClient}: one call per push that
 * passed de-duplication, on the client's dispatch threads (never the network
 * thread), in arrival order per conversation (same source and target id; an
 * event's user). This is the client's one push path; the seed API's
 * {@link RtmServerPushMonitor} is adapted onto it, and the Spring layer
 * implements it to call {@code @RtmListener} methods.
 *
 * <p>A push is handled once {@code onMessage} or {@code onEvent} returned;
 * an exception thrown there is logged, counts as handled too, and affects no
 * other push. A listener that finishes its work later (hands the push on to
 * another system, say) overrides {@link #handleMessage} and {@link #handleEvent}
 * instead and returns a stage that completes when it is done.
 */
public interface RtmPushListener {

    /** A completed stage, for handlers that are done at once. */
    CompletionStage<Void> DONE = CompletableFuture.completedFuture(null);

    /** A P2P, group or room message; {@link RtmMessage#pushType()} tells which kind. */
    void onMessage(RtmMessage message);

    /** A service event, such as a user's login or logout. */
    void onEvent(RtmEvent event);

    /**
     * Handles a message and says when that is done: the push counts as
     * handled (and, with {@link AckMode#AFTER_HANDLING}, is answered) when the
     * stage completes normally. When it completes exceptionally the push is
     * left unanswered and forgotten by the de-duplication, so that the gateway
     * may push it again and it is handled then; it is logged and counted.
     * Until the stage completes, the push counts against the dispatch queue's
     * capacity, which stops reading from the gateway when it is full. An
     * exception thrown here, rather than through the stage, counts as such a
     * failure too.
     *
     * @return by default a completed stage, after {@link #onMessage} (whose
     *         exception is logged and counts as handled)
     */
    default CompletionStage<?> handleMessage(RtmMessage message) {
        try {
            onMessage(message);
        } catch (RuntimeException e) {
            PushDispatcher.listenerFailed(message, e);
        }
        return DONE;
    }

    /** Handles an event and says when that is done, as {@link #handleMessage} does for messages. */
    default CompletionStage<?> handleEvent(RtmEvent event) {
        try {
            onEvent(event);
        } catch (RuntimeException e) {
            PushDispatcher.listenerFailed(event, e);
        }
        return DONE;
    }
}
