package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;
import io.rtm.fpnn.PayloadFields;


/**
 * Turns push payloads into {@link RtmMessage}s (read field by field from the
 * frame) and {@link RtmEvent}s (protocol section 7). Required fields missing
 * (or nil) or of the wrong type throw
 * {@link FpnnException} (10009 / 10010) so that the push is answered with an
 * error. The JSON of file messages is not read here (see {@link RtmMessage#fileInfo()}).
 */
final class PushDecoder {

    private PushDecoder() {
    }

    /** The field that holds the target id of a message from that source. */
    static String targetField(MessageSource source) {
        return switch (source) {
            case P2P -> "to";
            case GROUP -> "gid";
            case ROOM -> "rid";
        };
    }

    /** Reads pushes of that source straight into {@link RtmMessage}s (no payload map, no boxed numbers). */
    static PayloadFields.Reader<RtmMessage> reader(MessageSource source) {
        return switch (source) {
            case P2P -> P2P;
            case GROUP -> GROUP;
            case ROOM -> ROOM;
        };
    }

    private static final PayloadFields.Reader<RtmMessage> P2P = fields -> message(MessageSource.P2P, fields);
    private static final PayloadFields.Reader<RtmMessage> GROUP = fields -> message(MessageSource.GROUP, fields);
    private static final PayloadFields.Reader<RtmMessage> ROOM = fields -> message(MessageSource.ROOM, fields);

    private static RtmMessage message(MessageSource source, PayloadFields fields) {
        String target = targetField(source);
        long from = 0;
        long to = 0;
        long mid = 0;
        long mtype = 0;
        long mtime = 0;
        Object msg = null;
        String attrs = "";
        boolean hasFrom = false;
        boolean hasTo = false;
        boolean hasMid = false;
        boolean hasMtype = false;
        for (String key = fields.nextKey(); key != null; key = fields.nextKey()) {
            if (fields.skipNil()) {
                continue; // a nil field counts as absent
            }
            switch (key) {
                case "from" -> {
                    from = fields.readLong("from");
                    hasFrom = true;
                }
                case "mid" -> {
                    mid = fields.readLong("mid");
                    hasMid = true;
                }
                case "mtype" -> {
                    mtype = fields.readLong("mtype");
                    hasMtype = true;
                }
                case "msg" -> msg = fields.readTextOrBytes("msg");
                case "attrs" -> attrs = fields.readString("attrs");
                case "mtime" -> mtime = fields.readLong("mtime");
                default -> {
                    if (key.equals(target)) {
                        to = fields.readLong(target);
                        hasTo = true;
                    } else {
                        fields.skipValue();
                    }
                }
            }
        }
        requireField(hasFrom, "from");
        requireField(hasTo, target);
        requireField(hasMid, "mid");
        requireField(hasMtype, "mtype");
        if (mtype < 0 || mtype > 127) {
            throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, "field 'mtype' is " + mtype + ", not 0..127");
        }
        RtmMessage.Builder builder = RtmMessage.builder(source)
                .fromUid(from)
                .toId(to)
                .messageId(mid)
                .messageType((int) mtype)
                .attrs(attrs)
                .modifiedTime(mtime);
        if (msg == null) {
            builder.text("");
        } else if (msg instanceof String text) {
            builder.text(text); // a file message's JSON is read on the first fileInfo(), off the event loop
        } else {
            builder.binary((byte[]) msg);
        }
        return builder.build();
    }

    private static void requireField(boolean present, String field) {
        if (!present) {
            throw new FpnnException(FpnnErrorCode.PROTO_KEY_NOT_FOUND, "missing field '" + field + "'");
        }
    }

    static RtmEvent event(Payload payload) {
        return new RtmEvent(payload.getLong("pid"), payload.getString("event"), payload.getLong("uid"),
                payload.getLong("time"), payload.getString("endpoint", ""), payload.getString("data", ""));
    }
}
