package io.rtm.test;

import io.rtm.fpnn.Payload;

/** The payloads of the gateway's pushes (protocol section 7); message push methods are {@link GatewayMessageKind}'s. */
final class Pushes {

    static final String EVENT = "pushevent";
    static final String PING = "ping";

    private Pushes() {
    }

    /**
     * A message push; {@code targetKey} is the kind's {@link GatewayMessageKind#idKey()}.
     * {@code msg} keeps its kind: a String goes out as a msgpack str, a byte[] as a bin.
     */
    static Payload message(long from, String targetKey, long target, long mid, int mtype, Object msg,
                           String attrs, long mtime) {
        return Payload.builder()
                .put("from", from)
                .put(targetKey, target)
                .put("mid", mid)
                .put("mtype", mtype)
                .put("msg", msg)
                .put("attrs", attrs)
                .put("mtime", mtime)
                .build();
    }

    static Payload event(long pid, String event, long uid, long timeSeconds, String endpoint, String data) {
        Payload.Builder builder = Payload.builder()
                .put("pid", pid)
                .put("event", event)
                .put("uid", uid)
                .put("time", timeSeconds)
                .put("endpoint", endpoint);
        if (data != null) {
            builder.put("data", data);
        }
        return builder.build();
    }

    /** The mtype range of RTM messages; 51..127 are the applications' own. */
    static boolean validMtype(long mtype) {
        return mtype >= 0 && mtype <= 127;
    }

    /**
     * The mtype, when a client may send it.
     *
     * @throws IllegalArgumentException otherwise
     */
    static int checkMtype(int mtype) {
        if (!validMtype(mtype)) {
            throw new IllegalArgumentException("mtype must be 0..127, not " + mtype);
        }
        return mtype;
    }

    static Object checkMsg(Object msg) {
        if (!(msg instanceof String) && !(msg instanceof byte[])) {
            throw new IllegalArgumentException("msg must be a String (text) or a byte[] (binary), not "
                    + (msg == null ? "null" : msg.getClass().getName()));
        }
        return msg;
    }
}
