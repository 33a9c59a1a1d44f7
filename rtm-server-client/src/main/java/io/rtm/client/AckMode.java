package io.rtm.client;

/**
 * When a push is answered to the gateway, which is when the gateway counts it
 * as delivered.
 */
public enum AckMode {

    /**
     * Once the push listener has returned (or thrown) for it. A push that was
     * answered has been handled, so a crash or a shutdown loses nothing the
     * gateway counts as delivered; what is still queued is left unanswered and
     * the gateway counts it as not delivered. The default.
     */
    AFTER_HANDLING,

    /**
     * As soon as it is read, before any listener saw it (as the public C++ SDK
     * does). Pushes queued when the client stops or crashes are lost although
     * the gateway counts them as delivered.
     */
    ON_RECEIPT
}
