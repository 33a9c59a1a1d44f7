package io.rtm.client;

/**
 * Receives the pushes of an {@link RtmServerClient}: one call per push that
 * passed de-duplication, on the client's dispatch threads (never the network
 * thread), in arrival order per conversation (same source and target id; an
 * event's user). This is the client's one push path; the seed API's
 * {@link RtmServerPushMonitor} is adapted onto it, and the Spring layer
 * implements it to call {@code @RtmListener} methods.
 *
 * <p>An exception thrown here is logged and affects no other push.
 */
public interface RtmPushListener {

    /** A P2P, group or room message; {@link RtmMessage#pushType()} tells which kind. */
    void onMessage(RtmMessage message);

    /** A service event, such as a user's login or logout. */
    void onEvent(RtmEvent event);
}
