package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A message pushed by the gateway: P2P ({@code pushmsg}), group
 * ({@code pushgroupmsg}) or room ({@code pushroommsg}). Immutable.
 *
 * <p>The content is either text ({@link #text()}, from a msgpack str) or binary
 * ({@link #binary()}, from a bin, or from a str that is not valid UTF-8);
 * exactly one of them is present. File messages (mtype 40 to 50) also carry
 * the parsed {@link #fileInfo()} when their JSON is well formed; it is read
 * on the first call, on the caller's thread, never on the network thread.
 */
public final class RtmMessage {

    private final MessageSource source;
    private final long fromUid;
    private final long toId;
    private final long messageId;
    private final int messageType;
    private final @Nullable String text;
    private final byte @Nullable [] binary;
    private final String attrs;
    private final long modifiedTime;
    /** {@code null} until parsed (or given), then the file info or {@link #ABSENT} for none. */
    private volatile @Nullable Object fileInfo;

    /** {@code null} until parsed, then the translation or {@link #ABSENT} for none. */
    private volatile @Nullable Object translation;

    /** Stands for a parsed value that is absent. */
    private static final Object ABSENT = new Object();

    private RtmMessage(Builder builder) {
        this.source = Objects.requireNonNull(builder.source, "source");
        this.fromUid = builder.fromUid;
        this.toId = builder.toId;
        this.messageId = builder.messageId;
        this.messageType = builder.messageType;
        if ((builder.text == null) == (builder.binary == null)) {
            throw new IllegalArgumentException("a message holds either text or binary content");
        }
        this.text = builder.text;
        this.binary = builder.binary;
        this.attrs = builder.attrs == null ? "" : builder.attrs;
        this.modifiedTime = builder.modifiedTime;
        this.fileInfo = builder.fileInfo;
    }

    /** A builder of a message from that source, for tests of code that receives messages. */
    public static Builder builder(MessageSource source) {
        return new Builder(source);
    }

    /** P2P, group or room. */
    public MessageSource source() {
        return source;
    }

    /** The push type: source and kind (chat, command, file or plain message). */
    public RtmPushType pushType() {
        return RtmPushType.of(source, messageType);
    }

    /** The kind given by the message type. */
    public MessageKind kind() {
        return MessageKind.of(messageType);
    }

    /** The sender's user id. */
    public long fromUid() {
        return fromUid;
    }

    /** The receiving user id (P2P), group id or room id. */
    public long toId() {
        return toId;
    }

    /** The message id ({@code mid}). */
    public long messageId() {
        return messageId;
    }

    /** The message type ({@code mtype}, 0 to 127). */
    public int messageType() {
        return messageType;
    }

    /** Whether the content is binary rather than text. */
    public boolean isBinary() {
        return binary != null;
    }

    /** The text content; {@code null} for a binary message. */
    public @Nullable String text() {
        return text;
    }

    /** The binary content (a copy); {@code null} for a text message. */
    public byte @Nullable [] binary() {
        return binary == null ? null : binary.clone();
    }

    /** The content as bytes: the binary content, or the text in UTF-8. */
    public byte[] contentBytes() {
        return binary != null ? binary.clone() : Objects.requireNonNull(text).getBytes(StandardCharsets.UTF_8);
    }

    /** The attributes string as sent (empty when absent). */
    public String attrs() {
        return attrs;
    }

    /** The server time of the message in milliseconds ({@code mtime}). */
    public long modifiedTime() {
        return modifiedTime;
    }

    /**
     * The file description of a file message whose JSON is well formed; empty
     * otherwise. Parsed on the first call; a malformed description never
     * affects the rest of the message.
     */
    public Optional<RtmFileInfo> fileInfo() {
        Object parsed = fileInfo;
        if (parsed == null) {
            RtmFileInfo info = text != null && kind() == MessageKind.FILE ? RtmFileInfo.parse(text, attrs) : null;
            parsed = info != null ? info : ABSENT;
            fileInfo = parsed; // a race parses twice, to equal results
        }
        return parsed instanceof RtmFileInfo info ? Optional.of(info) : Optional.empty();
    }

    /**
     * The translation a chat (mtype 30) carries when its text is RTM's
     * translation JSON ({@code source}, {@code target}, {@code sourceText},
     * {@code targetText}); empty for any other message. The text itself is
     * unchanged. Parsed on the first call; bad JSON is no translation.
     */
    public Optional<RtmTranslation> translation() {
        Object parsed = translation;
        if (parsed == null) {
            RtmTranslation found = text != null && kind() == MessageKind.CHAT ? RtmTranslation.parse(text) : null;
            parsed = found != null ? found : ABSENT;
            translation = parsed;
        }
        return parsed instanceof RtmTranslation found ? Optional.of(found) : Optional.empty();
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RtmMessage that && source == that.source && fromUid == that.fromUid
                && toId == that.toId && messageId == that.messageId && messageType == that.messageType
                && modifiedTime == that.modifiedTime && Objects.equals(text, that.text)
                && Arrays.equals(binary, that.binary) && attrs.equals(that.attrs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, fromUid, toId, messageId);
    }

    @Override
    public String toString() {
        return "RtmMessage{" + pushType() + ", from=" + fromUid + ", to=" + toId + ", mid=" + messageId
                + ", mtype=" + messageType + (binary != null ? ", binary=" + binary.length + " bytes"
                : ", text=" + text.length() + " chars") + "}";
    }

    /** Builds messages, for the client and for tests of user code. */
    public static final class Builder {

        private final MessageSource source;
        private long fromUid;
        private long toId;
        private long messageId;
        private int messageType;
        private @Nullable String text;
        private byte @Nullable [] binary;
        private @Nullable String attrs;
        private long modifiedTime;
        private @Nullable RtmFileInfo fileInfo;

        private Builder(MessageSource source) {
            this.source = source;
        }

        /** The sender's user id. */
        public Builder fromUid(long fromUid) {
            this.fromUid = fromUid;
            return this;
        }

        /** The receiving user, group or room id. */
        public Builder toId(long toId) {
            this.toId = toId;
            return this;
        }

        /** The message id. */
        public Builder messageId(long messageId) {
            this.messageId = messageId;
            return this;
        }

        /** The message type, 0 to 127. */
        public Builder messageType(int messageType) {
            this.messageType = messageType;
            return this;
        }

        /** Text content (replaces binary content). */
        public Builder text(String text) {
            this.text = text;
            this.binary = null;
            return this;
        }

        /** Binary content; the array is used as given and must not change afterwards. */
        public Builder binary(byte[] binary) {
            this.binary = binary;
            this.text = null;
            return this;
        }

        /** The attributes string; {@code null} for none (an empty string). */
        public Builder attrs(@Nullable String attrs) {
            this.attrs = attrs;
            return this;
        }

        /** The server time in milliseconds. */
        public Builder modifiedTime(long modifiedTime) {
            this.modifiedTime = modifiedTime;
            return this;
        }

        /**
         * The file description, for messages built by tests of user code;
         * without one, a file message's is parsed from its text and attrs.
         */
        public Builder fileInfo(@Nullable RtmFileInfo fileInfo) {
            this.fileInfo = fileInfo;
            return this;
        }

        /**
         * The message.
         *
         * @throws IllegalArgumentException unless exactly one of text and binary content is set
         */
        public RtmMessage build() {
            return new RtmMessage(this);
        }
    }
}
