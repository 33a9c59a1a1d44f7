package io.rtm.client;

/** Where a message was sent: to a user, a group or a room. */
public enum MessageSource {
    P2P,
    GROUP,
    ROOM
}
