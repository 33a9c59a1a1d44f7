package io.rtm.client;

/**
 * What a message is, decided by its {@code mtype} (protocol section 7):
 * 30 chat, 32 command, 40 to 50 file, anything else a plain message.
 */
public enum MessageKind {
    MESSAGE,
    CHAT,
    COMMAND,
    FILE;

    /** The chat message type. */
    public static final int CHAT_MTYPE = 30;
    /** The command message type. */
    public static final int COMMAND_MTYPE = 32;
    /** The first file message type (image). */
    public static final int FIRST_FILE_MTYPE = 40;
    /** The last file message type (normal file). */
    public static final int LAST_FILE_MTYPE = 50;

    /** The kind of a message of that type. */
    public static MessageKind of(int mtype) {
        if (mtype == CHAT_MTYPE) {
            return CHAT;
        }
        if (mtype == COMMAND_MTYPE) {
            return COMMAND;
        }
        if (mtype >= FIRST_FILE_MTYPE && mtype <= LAST_FILE_MTYPE) {
            return FILE;
        }
        return MESSAGE;
    }
}
