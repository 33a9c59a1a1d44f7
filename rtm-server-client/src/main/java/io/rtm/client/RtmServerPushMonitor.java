package io.rtm.client;

/**
 * Receives what the gateway pushes, one callback per kind of push, in the
 * manner of the public SDKs' {@code RTMServerPushMonitor}. Every method does
 * nothing by default; override the ones you need.
 *
 * <p>Callbacks run on the client's dispatch threads, never on the network
 * thread, and pushes of one conversation (same source and target id) arrive in
 * order. Duplicates are dropped before any callback. An exception thrown by a
 * callback is logged and affects nothing else.
 */
public interface RtmServerPushMonitor {

    /**
     * A connection attempt finished.
     *
     * @param endpoint    the gateway's host:port
     * @param connected   whether the connection is up and the listen state applied
     * @param isReconnect whether this was an attempt after a lost connection
     */
    default void connected(String endpoint, boolean connected, boolean isReconnect) {
    }

    /**
     * A connection closed.
     *
     * @param endpoint      the gateway's host:port
     * @param causedByError whether it closed for any reason other than {@link RtmServerClient#close()}
     * @param isReconnect   whether the client is going to reconnect
     */
    default void closed(String endpoint, boolean causedByError, boolean isReconnect) {
    }

    /** A P2P message (an mtype that is no chat, command or file). */
    default void pushP2PMessage(RtmMessage message) {
    }

    /** A group message (an mtype that is no chat, command or file). */
    default void pushGroupMessage(RtmMessage message) {
    }

    /** A room message (an mtype that is no chat, command or file). */
    default void pushRoomMessage(RtmMessage message) {
    }

    /** A P2P file message (mtype 40 to 50). */
    default void pushP2PFile(RtmMessage message) {
    }

    /** A group file message (mtype 40 to 50). */
    default void pushGroupFile(RtmMessage message) {
    }

    /** A room file message (mtype 40 to 50). */
    default void pushRoomFile(RtmMessage message) {
    }

    /** A P2P chat (mtype 30). */
    default void pushP2PChat(RtmMessage message) {
    }

    /** A P2P command (mtype 32). */
    default void pushP2PCmd(RtmMessage message) {
    }

    /** A group chat (mtype 30). */
    default void pushGroupChat(RtmMessage message) {
    }

    /** A group command (mtype 32). */
    default void pushGroupCmd(RtmMessage message) {
    }

    /** A room chat (mtype 30). */
    default void pushRoomChat(RtmMessage message) {
    }

    /** A room command (mtype 32). */
    default void pushRoomCmd(RtmMessage message) {
    }

    /** A service event, such as a login or logout. */
    default void pushEvent(RtmEvent event) {
    }

    /** The gateway pinged this connection (already answered). */
    default void ping() {
    }

    /** Calls the callback that matches the message's push type. */
    static void dispatch(RtmServerPushMonitor monitor, RtmMessage message) {
        switch (message.pushType()) {
            case P2P_MESSAGE -> monitor.pushP2PMessage(message);
            case GROUP_MESSAGE -> monitor.pushGroupMessage(message);
            case ROOM_MESSAGE -> monitor.pushRoomMessage(message);
            case P2P_FILE -> monitor.pushP2PFile(message);
            case GROUP_FILE -> monitor.pushGroupFile(message);
            case ROOM_FILE -> monitor.pushRoomFile(message);
            case P2P_CHAT -> monitor.pushP2PChat(message);
            case GROUP_CHAT -> monitor.pushGroupChat(message);
            case ROOM_CHAT -> monitor.pushRoomChat(message);
            case P2P_CMD -> monitor.pushP2PCmd(message);
            case GROUP_CMD -> monitor.pushGroupCmd(message);
            case ROOM_CMD -> monitor.pushRoomCmd(message);
            case EVENT -> throw new IllegalArgumentException("a message is never an event");
        }
    }
}
