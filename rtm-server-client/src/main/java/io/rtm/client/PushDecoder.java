package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;

import java.util.Map;

/**
 * Turns push payloads into {@link RtmMessage}s and {@link RtmEvent}s
 * (protocol section 7). Required fields missing or of the wrong type throw
 * {@link FpnnException} (10009 / 10010) so that the push is answered with an
 * error; malformed file JSON only leaves {@link RtmMessage#fileInfo()} empty.
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

    static RtmMessage message(MessageSource source, Payload payload) {
        int mtype = payload.getInt("mtype");
        if (mtype < 0 || mtype > 127) {
            throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, "field 'mtype' is " + mtype + ", not 0..127");
        }
        RtmMessage.Builder builder = RtmMessage.builder(source)
                .fromUid(payload.getLong("from"))
                .toId(payload.getLong(targetField(source)))
                .messageId(payload.getLong("mid"))
                .messageType(mtype)
                .attrs(payload.getString("attrs", ""))
                .modifiedTime(payload.getLong("mtime", 0));
        Object msg = payload.get("msg");
        if (msg == null) {
            builder.text("");
        } else if (msg instanceof String text) {
            builder.text(text);
        } else if (msg instanceof byte[] bytes) {
            builder.binary(bytes);
        } else {
            throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, "field 'msg' is neither str nor bin");
        }
        if (MessageKind.of(mtype) == MessageKind.FILE && msg instanceof String text) {
            builder.fileInfo(fileInfo(text, payload.getString("attrs", "")));
        }
        return builder.build();
    }

    static RtmEvent event(Payload payload) {
        return new RtmEvent(payload.getLong("pid"), payload.getString("event"), payload.getLong("uid"),
                payload.getLong("time"), payload.getString("endpoint", ""), payload.getString("data", ""));
    }

    /** The file description, or {@code null} when the JSON is malformed. */
    static RtmFileInfo fileInfo(String msg, String attrs) {
        try {
            if (!(Json.parse(msg) instanceof Map<?, ?> file) || !(file.get("url") instanceof String url)) {
                return null;
            }
            long size = file.get("size") instanceof Number number ? number.longValue() : 0L;
            String thumbnail = file.get("surl") instanceof String surl ? surl : "";
            Map<String, Object> rtm = Map.of();
            String custom = "";
            if (!attrs.isEmpty() && Json.parse(attrs) instanceof Map<?, ?> attributes) {
                if (attributes.get("rtm") instanceof Map<?, ?> rtmAttrs) {
                    rtm = stringKeys(rtmAttrs);
                }
                Object customValue = attributes.get("custom");
                if (customValue instanceof String text) {
                    custom = text;
                } else if (customValue != null) {
                    custom = Json.write(customValue);
                }
            }
            return new RtmFileInfo(url, size, thumbnail, rtm, custom);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
