package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * The flags form of {@code setListen}: listen to all P2P messages, all group
 * messages, all room messages or all events. A flag left unset is not sent and
 * stays as it is on the gateway.
 *
 * <pre>{@code client.setListen(ListenFlags.of().allGroups(true).allEvents(true));}</pre>
 *
 * <p>Named rather than positional because the public C++ and Java SDKs order
 * their four booleans differently.
 */
public final class ListenFlags {

    private final @Nullable Boolean allP2P;
    private final @Nullable Boolean allGroups;
    private final @Nullable Boolean allRooms;
    private final @Nullable Boolean allEvents;

    private ListenFlags(@Nullable Boolean allP2P, @Nullable Boolean allGroups, @Nullable Boolean allRooms,
                        @Nullable Boolean allEvents) {
        this.allP2P = allP2P;
        this.allGroups = allGroups;
        this.allRooms = allRooms;
        this.allEvents = allEvents;
    }

    /** No flag set yet. */
    public static ListenFlags of() {
        return new ListenFlags(null, null, null, null);
    }

    /** All four flags, each given. */
    public static ListenFlags all(boolean allP2P, boolean allGroups, boolean allRooms, boolean allEvents) {
        return new ListenFlags(allP2P, allGroups, allRooms, allEvents);
    }

    /** A copy with the P2P flag set. */
    public ListenFlags allP2P(boolean value) {
        return new ListenFlags(value, allGroups, allRooms, allEvents);
    }

    /** A copy with the group flag set. */
    public ListenFlags allGroups(boolean value) {
        return new ListenFlags(allP2P, value, allRooms, allEvents);
    }

    /** A copy with the room flag set. */
    public ListenFlags allRooms(boolean value) {
        return new ListenFlags(allP2P, allGroups, value, allEvents);
    }

    /** A copy with the event flag set. */
    public ListenFlags allEvents(boolean value) {
        return new ListenFlags(allP2P, allGroups, allRooms, value);
    }

    /** The P2P flag, or {@code null} when not set. */
    public @Nullable Boolean allP2P() {
        return allP2P;
    }

    /** The group flag, or {@code null} when not set. */
    public @Nullable Boolean allGroups() {
        return allGroups;
    }

    /** The room flag, or {@code null} when not set. */
    public @Nullable Boolean allRooms() {
        return allRooms;
    }

    /** The event flag, or {@code null} when not set. */
    public @Nullable Boolean allEvents() {
        return allEvents;
    }

    /** Whether no flag is set. */
    public boolean isEmpty() {
        return allP2P == null && allGroups == null && allRooms == null && allEvents == null;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof ListenFlags that && Objects.equals(allP2P, that.allP2P)
                && Objects.equals(allGroups, that.allGroups)
                && Objects.equals(allRooms, that.allRooms)
                && Objects.equals(allEvents, that.allEvents);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allP2P, allGroups, allRooms, allEvents);
    }

    @Override
    public String toString() {
        return "ListenFlags{allP2P=" + allP2P + ", allGroups=" + allGroups + ", allRooms=" + allRooms
                + ", allEvents=" + allEvents + "}";
    }
}
