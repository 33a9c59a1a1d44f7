package io.rtm.test;

import java.util.Set;

/**
 * A snapshot of what one connection listens to on the embedded gateway
 * (protocol section 8.2): the id sets and the "everything of a kind" flags.
 *
 * @param gids   the groups whose messages are pushed
 * @param rids   the rooms whose messages are pushed
 * @param uids   the users whose peer-to-peer messages are pushed
 * @param events the events ({@code login}, {@code logout}) that are pushed
 * @param p2p    every peer-to-peer message is pushed
 * @param group  every group message is pushed
 * @param room   every room message is pushed
 * @param ev     every event is pushed
 */
public record GatewayListenState(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events,
                                 boolean p2p, boolean group, boolean room, boolean ev) {

    /** The state of a new connection: nothing. */
    public static final GatewayListenState EMPTY =
            new GatewayListenState(Set.of(), Set.of(), Set.of(), Set.of(), false, false, false, false);

    public GatewayListenState {
        gids = Set.copyOf(gids);
        rids = Set.copyOf(rids);
        uids = Set.copyOf(uids);
        events = Set.copyOf(events);
    }
}
