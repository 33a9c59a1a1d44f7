package io.rtm.spring.boot.autoconfigure.relay;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.rtm.client.MessageSource;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;

/**
 * The encoding of pushes in the relay's records, version 1 ({@code docs/rtm-protocol.md}, "Relayed pushes").
 * All numbers are big-endian; a string is a 4-byte length and that many bytes of UTF-8.
 *
 * <pre>
 * value   = version:u8 (1), kind:u8, body
 * kind    = 1 P2P message | 2 group message | 3 room message | 4 event
 * message = from:i64, to:i64, mid:i64, mtype:i32, mtime:i64, binary:u8 (0 text, 1 bytes),
 *           content (a string, or a 4-byte length and the bytes), attrs:string
 * event   = projectId:i64, uid:i64, time:i64, event:string, endpoint:string, data:string
 * key     = kind:u8, id:i64   (a message's target id, an event's uid: one conversation, one partition)
 * </pre>
 *
 * A reader rejects other versions and ignores bytes after the body, so a later version 1 may append fields.
 * The push type and message id travel in headers too ({@link #PUSH_TYPE_HEADER}, {@link #MESSAGE_ID_HEADER}),
 * for tools that route records without decoding them.
 */
public final class RtmRelayCodec {

    /** The version this codec writes and the only one it reads. */
    public static final byte VERSION = 1;

    /** Header with the push's {@link io.rtm.client.RtmPushType} name, in ASCII. */
    public static final String PUSH_TYPE_HEADER = "rtm_push_type";

    /** Header with a message's id in decimal ASCII; events have none. */
    public static final String MESSAGE_ID_HEADER = "rtm_mid";

    private static final byte P2P = 1;

    private static final byte GROUP = 2;

    private static final byte ROOM = 3;

    private static final byte EVENT = 4;

    private RtmRelayCodec() {
    }

    /** The record key of a message: its conversation (source and target id). */
    public static byte[] key(RtmMessage message) {
        return key(kind(message.source()), message.toId());
    }

    /** The record key of an event: its user. */
    public static byte[] key(RtmEvent event) {
        return key(EVENT, event.uid());
    }

    private static byte[] key(byte kind, long id) {
        return ByteBuffer.allocate(9).put(kind).putLong(id).array();
    }

    /** The record value of a message. */
    public static byte[] encode(RtmMessage message) {
        byte[] content = message.contentBytes();
        byte[] attrs = utf8(message.attrs());
        ByteBuffer out = ByteBuffer.allocate(2 + 8 + 8 + 8 + 4 + 8 + 1 + 4 + content.length + 4 + attrs.length);
        out.put(VERSION).put(kind(message.source()));
        out.putLong(message.fromUid()).putLong(message.toId()).putLong(message.messageId());
        out.putInt(message.messageType()).putLong(message.modifiedTime());
        out.put(message.isBinary() ? (byte) 1 : (byte) 0);
        out.putInt(content.length).put(content);
        out.putInt(attrs.length).put(attrs);
        return out.array();
    }

    /** The record value of an event. */
    public static byte[] encode(RtmEvent event) {
        byte[] name = utf8(event.event());
        byte[] endpoint = utf8(event.endpoint());
        byte[] data = utf8(event.data());
        ByteBuffer out = ByteBuffer.allocate(2 + 3 * 8 + 3 * 4 + name.length + endpoint.length + data.length);
        out.put(VERSION).put(EVENT);
        out.putLong(event.projectId()).putLong(event.uid()).putLong(event.time());
        out.putInt(name.length).put(name).putInt(endpoint.length).put(endpoint).putInt(data.length).put(data);
        return out.array();
    }

    /**
     * Reads a record value.
     *
     * @return the {@link RtmMessage} or {@link RtmEvent}
     * @throws RtmRelayFormatException when the value is not a push of version 1
     */
    public static Object decode(byte[] value) {
        ByteBuffer in = ByteBuffer.wrap(value);
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new RtmRelayFormatException("relayed push of version " + version + "; this reader knows "
                        + VERSION + " only");
            }
            byte kind = in.get();
            return switch (kind) {
                case P2P -> message(MessageSource.P2P, in);
                case GROUP -> message(MessageSource.GROUP, in);
                case ROOM -> message(MessageSource.ROOM, in);
                case EVENT -> event(in);
                default -> throw new RtmRelayFormatException("relayed push of unknown kind " + kind);
            };
        } catch (BufferUnderflowException ex) {
            throw new RtmRelayFormatException("relayed push cut short after " + in.position() + " of "
                    + value.length + " bytes");
        }
    }

    private static RtmMessage message(MessageSource source, ByteBuffer in) {
        RtmMessage.Builder message = RtmMessage.builder(source)
            .fromUid(in.getLong())
            .toId(in.getLong())
            .messageId(in.getLong())
            .messageType(in.getInt())
            .modifiedTime(in.getLong());
        boolean binary = in.get() != 0;
        byte[] content = bytes(in, "content");
        if (binary) {
            message.binary(content);
        } else {
            message.text(new String(content, StandardCharsets.UTF_8));
        }
        return message.attrs(string(in, "attrs")).build();
    }

    private static RtmEvent event(ByteBuffer in) {
        long projectId = in.getLong();
        long uid = in.getLong();
        long time = in.getLong();
        String event = string(in, "event");
        String endpoint = string(in, "endpoint");
        return new RtmEvent(projectId, event, uid, time, endpoint, string(in, "data"));
    }

    private static String string(ByteBuffer in, String field) {
        return new String(bytes(in, field), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(ByteBuffer in, String field) {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new RtmRelayFormatException("relayed push with a " + field + " of " + length + " bytes where "
                    + in.remaining() + " remain");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte kind(MessageSource source) {
        return switch (source) {
            case P2P -> P2P;
            case GROUP -> GROUP;
            case ROOM -> ROOM;
        };
    }
}
