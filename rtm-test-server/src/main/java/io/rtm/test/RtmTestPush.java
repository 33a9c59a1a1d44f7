package io.rtm.test;

import org.jspecify.annotations.Nullable;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A push for {@link RtmTestServer#push(RtmTestPush)}, written as a sentence:
 * {@code server.push(group(1001).from(42).chat("hi"))}.
 *
 * <p>Each message gets a fresh mid and each event a fresh endpoint, unique in
 * the JVM and across runs, so that a client that lives through many tests (in
 * a cached Spring test context, say) never drops a test push as a duplicate
 * of an earlier one. Set them to push the same thing twice on purpose.
 */
public abstract sealed class RtmTestPush permits RtmTestPush.Message, RtmTestPush.Event {

    /** Seeded by the clock, so that a second run against a gateway that lives on does not meet its mids either. */
    private static final AtomicLong MIDS = new AtomicLong(System.currentTimeMillis() * 1_000);
    private static final AtomicLong ENDPOINTS = new AtomicLong(MIDS.get());

    private RtmTestPush() {
    }

    /** A P2P message to user {@code to} ({@code pushmsg}); from user 0, an empty text of type 51 until set. */
    public static Message p2p(long to) {
        return new Message(GatewayMessageKind.P2P, to);
    }

    /** A group message to group {@code gid} ({@code pushgroupmsg}). */
    public static Message group(long gid) {
        return new Message(GatewayMessageKind.GROUP, gid);
    }

    /** A room message to room {@code rid} ({@code pushroommsg}). */
    public static Message room(long rid) {
        return new Message(GatewayMessageKind.ROOM, rid);
    }

    /** An event ({@code pushevent}) of user {@code uid}, at the current time. */
    public static Event event(String event, long uid) {
        return new Event(Objects.requireNonNull(event, "event"), uid);
    }

    /** User {@code uid} logged in. */
    public static Event login(long uid) {
        return event("login", uid);
    }

    /** User {@code uid} logged out. */
    public static Event logout(long uid) {
        return event("logout", uid);
    }

    abstract int pushTo(Gateway gateway);

    /** A message push; each setter returns this message. */
    public static final class Message extends RtmTestPush {

        private final GatewayMessageKind kind;
        private final long to;
        private long from;
        private long mid = MIDS.incrementAndGet();
        private int mtype = 51;
        private Object msg = "";
        private String attrs = "";
        private @Nullable Long mtime;

        private Message(GatewayMessageKind kind, long to) {
            this.kind = kind;
            this.to = to;
        }

        /** The sender's uid. */
        public Message from(long uid) {
            this.from = uid;
            return this;
        }

        /** Replaces the generated mid: to push one message twice, say. */
        public Message mid(long mid) {
            this.mid = mid;
            return this;
        }

        /** A chat (mtype 30). */
        public Message chat(String text) {
            return text(30, text);
        }

        /** A command (mtype 32). */
        public Message cmd(String text) {
            return text(32, text);
        }

        /** A text message of any type, 0 to 127; 51 and up are the application's own. */
        public Message text(int mtype, String text) {
            return content(mtype, Objects.requireNonNull(text, "text"));
        }

        /** A binary message of any type, 0 to 127 (sent as a msgpack bin). */
        public Message binary(int mtype, byte[] content) {
            return content(mtype, Objects.requireNonNull(content, "content").clone());
        }

        /**
         * A file message: {@code msg} the gateway's JSON ({@code {"url","size","surl"}}), {@code attrs} its
         * JSON ({@code {"rtm": {...}, "custom": ...}}); mtype 40 image, 41 audio, 42 video, 50 other.
         */
        public Message file(int mtype, String msg, String attrs) {
            if (mtype < 40 || mtype > 50) {
                throw new IllegalArgumentException("file mtype must be 40..50, not " + mtype);
            }
            return text(mtype, msg).attrs(attrs);
        }

        /** The message's attributes (a string, often JSON). */
        public Message attrs(String attrs) {
            this.attrs = Objects.requireNonNull(attrs, "attrs");
            return this;
        }

        /** The gateway's time of the message, in ms; the current time by default. */
        public Message mtime(long mtime) {
            this.mtime = mtime;
            return this;
        }

        /** The mid this message is pushed with. */
        public long mid() {
            return mid;
        }

        private Message content(int mtype, Object msg) {
            this.mtype = Pushes.checkMtype(mtype);
            this.msg = msg;
            return this;
        }

        @Override
        int pushTo(Gateway gateway) {
            return gateway.pushMessage(kind, from, to, mid, mtype, msg, attrs,
                    mtime != null ? mtime : System.currentTimeMillis());
        }

        @Override
        public String toString() {
            return kind.pushMethod() + "{from=" + from + ", " + kind.idKey() + "=" + to + ", mid=" + mid + ", mtype="
                    + mtype + "}";
        }
    }

    /** An event push; each setter returns this event. */
    public static final class Event extends RtmTestPush {

        private final String event;
        private final long uid;
        private long time = System.currentTimeMillis() / 1000;
        private String endpoint = "192.0.2.1:" + (1024 + ENDPOINTS.incrementAndGet() % 64_512);
        private @Nullable String data;

        private Event(String event, long uid) {
            this.event = event;
            this.uid = uid;
        }

        /** When it happened, in seconds. */
        public Event time(long seconds) {
            this.time = seconds;
            return this;
        }

        /** The user's {@code ip:port}; a fresh port of a documentation address by default. */
        public Event endpoint(String endpoint) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /** The event's data; none by default. */
        public Event data(@Nullable String data) {
            this.data = data;
            return this;
        }

        @Override
        int pushTo(Gateway gateway) {
            return gateway.pushEvent(event, uid, time, endpoint, data);
        }

        @Override
        public String toString() {
            return "pushevent{event=" + event + ", uid=" + uid + ", time=" + time + ", endpoint=" + endpoint + "}";
        }
    }
}
