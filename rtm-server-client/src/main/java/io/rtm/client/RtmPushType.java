package io.rtm.client;

/**
 * The thirteen kinds of push, one per {@link RtmServerPushMonitor} push callback:
 * a message's {@link MessageSource} and {@link MessageKind}, or an event.
 */
public enum RtmPushType {

    P2P_MESSAGE(MessageSource.P2P, MessageKind.MESSAGE),
    GROUP_MESSAGE(MessageSource.GROUP, MessageKind.MESSAGE),
    ROOM_MESSAGE(MessageSource.ROOM, MessageKind.MESSAGE),
    P2P_FILE(MessageSource.P2P, MessageKind.FILE),
    GROUP_FILE(MessageSource.GROUP, MessageKind.FILE),
    ROOM_FILE(MessageSource.ROOM, MessageKind.FILE),
    P2P_CHAT(MessageSource.P2P, MessageKind.CHAT),
    GROUP_CHAT(MessageSource.GROUP, MessageKind.CHAT),
    ROOM_CHAT(MessageSource.ROOM, MessageKind.CHAT),
    P2P_CMD(MessageSource.P2P, MessageKind.COMMAND),
    GROUP_CMD(MessageSource.GROUP, MessageKind.COMMAND),
    ROOM_CMD(MessageSource.ROOM, MessageKind.COMMAND),
    EVENT(null, null);

    private static final RtmPushType[] BY_SOURCE_AND_KIND = new RtmPushType[12];

    static {
        for (RtmPushType type : values()) {
            if (type.source != null) {
                BY_SOURCE_AND_KIND[type.source.ordinal() * 4 + type.kind.ordinal()] = type;
            }
        }
    }

    private final MessageSource source;
    private final MessageKind kind;

    RtmPushType(MessageSource source, MessageKind kind) {
        this.source = source;
        this.kind = kind;
    }

    /** The source of a message push type; {@code null} for {@link #EVENT}. */
    public MessageSource source() {
        return source;
    }

    /** The kind of a message push type; {@code null} for {@link #EVENT}. */
    public MessageKind kind() {
        return kind;
    }

    /** Whether this is a message push type, not {@link #EVENT}. */
    public boolean isMessage() {
        return this != EVENT;
    }

    /** The push type of a message from that source with that mtype. */
    public static RtmPushType of(MessageSource source, int mtype) {
        return BY_SOURCE_AND_KIND[source.ordinal() * 4 + MessageKind.of(mtype).ordinal()];
    }
}
