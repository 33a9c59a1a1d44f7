package io.rtm.client;

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

    private final Boolean allP2P;
    private final Boolean allGroups;
    private final Boolean allRooms;
    private final Boolean allEvents;

    private ListenFlags(Boolean allP2P, Boolean allGroups, Boolean allRooms, Boolean allEvents) {
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

    public ListenFlags allP2P(boolean value) {
        return new ListenFlags(value, allGroups, allRooms, allEvents);
    }

    public ListenFlags allGroups(boolean value) {
        return new ListenFlags(allP2P, value, allRooms, allEvents);
    }

    public ListenFlags allRooms(boolean value) {
        return new ListenFlags(allP2P, allGroups, value, allEvents);
    }

    public ListenFlags allEvents(boolean value) {
        return new ListenFlags(allP2P, allGroups, allRooms, value);
    }

    /** The P2P flag, or {@code null} when not set. */
    public Boolean allP2P() {
        return allP2P;
    }

    public Boolean allGroups() {
        return allGroups;
    }

    public Boolean allRooms() {
        return allRooms;
    }

    public Boolean allEvents() {
        return allEvents;
    }

    public boolean isEmpty() {
        return allP2P == null && allGroups == null && allRooms == null && allEvents == null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ListenFlags that && java.util.Objects.equals(allP2P, that.allP2P)
                && java.util.Objects.equals(allGroups, that.allGroups)
                && java.util.Objects.equals(allRooms, that.allRooms)
                && java.util.Objects.equals(allEvents, that.allEvents);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(allP2P, allGroups, allRooms, allEvents);
    }

    @Override
    public String toString() {
        return "ListenFlags{allP2P=" + allP2P + ", allGroups=" + allGroups + ", allRooms=" + allRooms
                + ", allEvents=" + allEvents + "}";
    }
}
