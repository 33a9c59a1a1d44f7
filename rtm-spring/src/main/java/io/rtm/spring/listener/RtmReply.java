package io.rtm.spring.listener;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a listener method returns to answer in the push's conversation, when a {@code String} (text) or a
 * {@code byte[]} (binary) is not enough: the content with its own message type and attributes. Sent from the
 * listener's {@code replyFrom} user: to the sender of a P2P message, into the group or room of a group or
 * room message.
 *
 * <pre>{@code
 * @RtmListener(value = RtmPushType.P2P_CHAT, replyFrom = "${support.bot-uid}")
 * RtmReply onQuestion(RtmMessage question) {
 *     return RtmReply.text(answers.find(question.text())).withAttrs("{\"bot\":true}");
 * }
 * }</pre>
 *
 * @param content     a {@code String} (sent as text) or a {@code byte[]} (sent as binary)
 * @param messageType the reply's mtype, 0 to 127; {@code -1}: the push's own
 * @param attrs       the reply's attributes; empty by default
 */
public record RtmReply(Object content, int messageType, String attrs) {

    /** Checks the content and the message type. */
    public RtmReply {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(attrs, "attrs");
        if (content instanceof byte[] bytes) {
            content = bytes.clone();
        } else if (!(content instanceof String)) {
            throw new IllegalArgumentException("a reply's content is a String or a byte[], not "
                    + content.getClass().getName());
        }
        if (messageType < -1 || messageType > 127) {
            throw new IllegalArgumentException("a reply's messageType is 0 to 127, or -1 for the push's own, not "
                    + messageType);
        }
    }

    /** A text reply with the push's message type. */
    public static RtmReply text(String text) {
        return new RtmReply(text, -1, "");
    }

    /** A binary reply with the push's message type. */
    public static RtmReply binary(byte[] content) {
        return new RtmReply(content, -1, "");
    }

    /** This reply with another message type, 0 to 127 (30 is a chat, 32 a command, 51 and up the application's). */
    public RtmReply withMessageType(int messageType) {
        return new RtmReply(this.content, messageType, this.attrs);
    }

    /** This reply with attributes. */
    public RtmReply withAttrs(String attrs) {
        return new RtmReply(this.content, this.messageType, attrs);
    }

    /** The reply a listener's return value stands for: a {@code String}, a {@code byte[]} or an {@code RtmReply}. */
    static @Nullable RtmReply of(@Nullable Object returned) {
        if (returned == null || returned instanceof RtmReply) {
            return (RtmReply) returned;
        }
        return returned instanceof byte[] bytes ? binary(bytes) : text((String) returned);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RtmReply that && this.messageType == that.messageType && this.attrs.equals(that.attrs)
                && (this.content instanceof byte[] bytes ? that.content instanceof byte[] thatBytes
                        && Arrays.equals(bytes, thatBytes) : this.content.equals(that.content));
    }

    @Override
    public int hashCode() {
        int content = this.content instanceof byte[] bytes ? Arrays.hashCode(bytes) : this.content.hashCode();
        return 31 * (31 * content + this.messageType) + this.attrs.hashCode();
    }

    /** Names the size of the content, not the content. */
    @Override
    public String toString() {
        return "RtmReply{" + (this.content instanceof byte[] bytes ? bytes.length + " bytes"
                : ((String) this.content).length() + " chars") + ", messageType=" + this.messageType + "}";
    }
}
