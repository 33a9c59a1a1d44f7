package io.rtm.test;

import java.util.HashSet;
import java.util.Set;

/**
 * The mutable listen state of one connection (protocol section 8.2). Written
 * by the connection's event loop, read by every thread that routes a push,
 * hence the lock.
 */
final class SessionListenState {

    private final Set<Long> gids = new HashSet<>();
    private final Set<Long> rids = new HashSet<>();
    private final Set<Long> uids = new HashSet<>();
    private final Set<String> events = new HashSet<>();
    private boolean p2p;
    private boolean group;
    private boolean room;
    private boolean ev;

    synchronized void add(ListenRequest request) {
        gids.addAll(request.gids());
        rids.addAll(request.rids());
        uids.addAll(request.uids());
        events.addAll(request.events());
    }

    synchronized void remove(ListenRequest request) {
        gids.removeAll(request.gids());
        rids.removeAll(request.rids());
        uids.removeAll(request.uids());
        events.removeAll(request.events());
    }

    /** The ids form of {@code setlisten}: every set replaced, absent ones emptied. */
    synchronized void replaceIds(ListenRequest request) {
        replace(gids, request.gids());
        replace(rids, request.rids());
        replace(uids, request.uids());
        replace(events, request.events());
    }

    /** The flags form of {@code setlisten}: {@code null} leaves a flag as it is. */
    synchronized void setFlags(Boolean p2p, Boolean group, Boolean room, Boolean ev) {
        this.p2p = p2p != null ? p2p : this.p2p;
        this.group = group != null ? group : this.group;
        this.room = room != null ? room : this.room;
        this.ev = ev != null ? ev : this.ev;
    }

    synchronized boolean acceptsP2P(long to) {
        return p2p || uids.contains(to);
    }

    synchronized boolean acceptsGroup(long gid) {
        return group || gids.contains(gid);
    }

    synchronized boolean acceptsRoom(long rid) {
        return room || rids.contains(rid);
    }

    synchronized boolean acceptsEvent(String event) {
        return ev || events.contains(event);
    }

    synchronized GatewayListenState snapshot() {
        return new GatewayListenState(gids, rids, uids, events, p2p, group, room, ev);
    }

    private static <T> void replace(Set<T> target, Set<T> source) {
        target.clear();
        target.addAll(source);
    }
}
