package io.rtm.fpnn;

import io.netty.buffer.ByteBufUtil;
import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * One FPNN frame: a one-way quest, a two-way quest or an answer.
 *
 * <p>A received frame whose bytes were well framed but whose payload is not a
 * valid msgpack map still arrives as a frame, so that the connection can
 * answer it with an error and stay up; {@link #payload()} then throws the
 * {@link FpnnException} that describes the problem.
 */
final class FpnnFrame {

    /** The version byte this project sends. */
    static final byte VERSION = 1;
    /** The flag bit for a msgpack payload, the only encoding spoken here. */
    static final int FLAG_MSGPACK = 0x80;
    /** The flag bit for a JSON payload, which is refused. */
    static final int FLAG_JSON = 0x40;

    private final FrameType type;
    private final int seq;
    private final @Nullable String method;
    private final int status;
    private final @Nullable Payload payload;
    private final @Nullable Object body;
    private final @Nullable FpnnException payloadError;

    private FpnnFrame(FrameType type, int seq, @Nullable String method, int status, @Nullable Payload payload,
                      @Nullable Object body, @Nullable FpnnException payloadError) {
        this.type = type;
        this.seq = seq;
        this.method = method;
        this.status = status;
        this.payload = payload;
        this.body = body;
        this.payloadError = payloadError;
    }

    /** A two-way quest; its sequence number is set by the connection that sends it. */
    static FpnnFrame twoWay(int seq, String method, Payload payload) {
        return new FpnnFrame(FrameType.TWOWAY, seq, checkMethod(method), 0, Objects.requireNonNull(payload), null, null);
    }

    /** A one-way quest. */
    static FpnnFrame oneWay(String method, Payload payload) {
        return new FpnnFrame(FrameType.ONEWAY, 0, checkMethod(method), 0, Objects.requireNonNull(payload), null, null);
    }

    /** An OK answer to the quest with the given sequence number. */
    static FpnnFrame answer(int seq, Payload payload) {
        return new FpnnFrame(FrameType.ANSWER, seq, null, 0, Objects.requireNonNull(payload), null, null);
    }

    /** An error answer {@code {"code": code, "ex": message}}, with status 1 as the public SDKs write it. */
    static FpnnFrame errorAnswer(int seq, int code, String message) {
        Payload payload = Payload.builder().put("code", code).put("ex", message).build();
        return new FpnnFrame(FrameType.ANSWER, seq, null, 1, payload, null, null);
    }

    static FpnnFrame decoded(FrameType type, int seq, @Nullable String method, int status, @Nullable Payload payload,
                             @Nullable Object body, @Nullable FpnnException error) {
        return new FpnnFrame(type, seq, method, status, payload, body, error);
    }

    private static String checkMethod(String method) {
        int length = ByteBufUtil.utf8Bytes(Objects.requireNonNull(method, "method"));
        if (length < 1 || length > 255) {
            throw new IllegalArgumentException("a method name takes 1 to 255 UTF-8 bytes, not " + length);
        }
        return method;
    }

    FrameType type() {
        return type;
    }

    boolean isQuest() {
        return type != FrameType.ANSWER;
    }

    boolean isTwoWay() {
        return type == FrameType.TWOWAY;
    }

    boolean isAnswer() {
        return type == FrameType.ANSWER;
    }

    /** The sequence number of a two-way quest or answer, as an unsigned 32-bit value in an int; 0 for one-way. */
    int seq() {
        return seq;
    }

    /** The method of a quest; {@code null} for an answer. */
    @Nullable String method() {
        return method;
    }

    /** The status byte of an answer: 0 for OK. */
    int status() {
        return status;
    }

    boolean isErrorAnswer() {
        return type == FrameType.ANSWER && status != 0;
    }

    /**
     * The payload map.
     *
     * @throws FpnnException when the received payload could not be decoded
     */
    Payload payload() {
        if (payloadError != null) {
            throw payloadError;
        }
        if (payload == null) {
            throw new IllegalStateException("the payload of '" + method + "' was read into its body");
        }
        return payload;
    }

    /**
     * What a {@link PayloadFields.Reader} read the payload into, for quests whose
     * handler named one; {@code null} otherwise.
     *
     * @throws FpnnException when the payload could not be read
     */
    @Nullable Object body() {
        if (payloadError != null) {
            throw payloadError;
        }
        return body;
    }

    /** Whether the payload was decoded (always true for frames built here). */
    boolean hasValidPayload() {
        return payloadError == null;
    }

    /** The error of an error answer as an exception carrying its code and message. */
    FpnnException toException() {
        if (payloadError != null) {
            return payloadError;
        }
        int code = (int) payload.getLong("code", FpnnErrorCode.CORE_UNKNOWN_ERROR);
        Object ex = payload.get("ex");
        return new FpnnException(code, ex instanceof String text ? text : "error answer without a message");
    }

    @Override
    public String toString() {
        return switch (type) {
            case ANSWER -> "Answer{seq=" + Integer.toUnsignedString(seq) + ", status=" + status + "}";
            case TWOWAY -> "Quest{" + method + ", seq=" + Integer.toUnsignedString(seq) + "}";
            case ONEWAY -> "Quest{" + method + ", oneway}";
        };
    }
}
