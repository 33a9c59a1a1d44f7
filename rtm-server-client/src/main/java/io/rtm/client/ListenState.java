package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a connection listens to: group, room and user ids, event names, and
 * the four listen-to-all flags; both what a client wants
 * ({@link RtmServerClient#desiredListenState()}) and what the gateway
 * confirmed ({@link RtmServerClient#listenState()}). Immutable; the
 * operations return a new state, with the gateway's semantics (protocol
 * section 8.2).
 *
 * @param groups    group ids
 * @param rooms     room ids
 * @param users     user ids (P2P messages sent to them)
 * @param events    event names
 * @param allP2P    every P2P message
 * @param allGroups every group message
 * @param allRooms  every room message
 * @param allEvents every event
 */
public record ListenState(Set<Long> groups, Set<Long> rooms, Set<Long> users, Set<String> events,
                          boolean allP2P, boolean allGroups, boolean allRooms, boolean allEvents) {

    /** Listening to nothing, as every new connection starts. */
    public static final ListenState EMPTY = new ListenState(Set.of(), Set.of(), Set.of(), Set.of(),
            false, false, false, false);

    public ListenState {
        groups = copy(groups);
        rooms = copy(rooms);
        users = copy(users);
        events = copy(events);
    }

    /** Whether nothing at all is listened to: no push will arrive. */
    public boolean isEmpty() {
        return groups.isEmpty() && rooms.isEmpty() && users.isEmpty() && events.isEmpty()
                && !allP2P && !allGroups && !allRooms && !allEvents;
    }

    /** Whether any id set or event name is held. */
    public boolean hasIds() {
        return !groups.isEmpty() || !rooms.isEmpty() || !users.isEmpty() || !events.isEmpty();
    }

    /** Whether any flag is on. */
    public boolean hasFlags() {
        return allP2P || allGroups || allRooms || allEvents;
    }

    /** The flags as a full {@link ListenFlags}. */
    public ListenFlags flags() {
        return ListenFlags.all(allP2P, allGroups, allRooms, allEvents);
    }

    /** The union with the given ids ({@code addlisten}). */
    public ListenState plus(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                            @Nullable Set<String> eventNames) {
        return new ListenState(union(groups, gids), union(rooms, rids), union(users, uids), union(events, eventNames),
                allP2P, allGroups, allRooms, allEvents);
    }

    /** Without the given ids ({@code removelisten}). */
    public ListenState minus(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                             @Nullable Set<String> eventNames) {
        return new ListenState(difference(groups, gids), difference(rooms, rids), difference(users, uids),
                difference(events, eventNames), allP2P, allGroups, allRooms, allEvents);
    }

    /** The id sets replaced, absent ones empty ({@code setlisten}, ids form). */
    public ListenState withIds(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                               @Nullable Set<String> eventNames) {
        return new ListenState(gids, rids, uids, eventNames, allP2P, allGroups, allRooms, allEvents);
    }

    /** The given flags set, the others unchanged ({@code setlisten}, flags form). */
    public ListenState withFlags(ListenFlags flags) {
        return new ListenState(groups, rooms, users, events,
                flags.allP2P() != null ? flags.allP2P() : allP2P,
                flags.allGroups() != null ? flags.allGroups() : allGroups,
                flags.allRooms() != null ? flags.allRooms() : allRooms,
                flags.allEvents() != null ? flags.allEvents() : allEvents);
    }

    private static <T> Set<T> copy(@Nullable Collection<T> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        return Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    private static <T> Set<T> union(Set<T> base, @Nullable Set<T> added) {
        if (added == null || added.isEmpty()) {
            return base;
        }
        Set<T> result = new LinkedHashSet<>(base);
        result.addAll(added);
        return result;
    }

    private static <T> Set<T> difference(Set<T> base, @Nullable Set<T> removed) {
        if (removed == null || removed.isEmpty()) {
            return base;
        }
        Set<T> result = new LinkedHashSet<>(base);
        result.removeAll(removed);
        return result;
    }
}
