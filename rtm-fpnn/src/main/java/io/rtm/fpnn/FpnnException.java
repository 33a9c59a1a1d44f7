package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

/**
 * A failed FPNN exchange: an error answer from the peer, a timeout, a closed
 * connection or a payload that does not have the expected fields.
 * {@link #code()} is the FPNN or RTM error code (see {@link FpnnErrorCode}).
 * A quest handler throws one to answer with that error.
 */
public class FpnnException extends RuntimeException {

    /** The serialized form's version. */
    private static final long serialVersionUID = 1L;

    /** The error code. */
    private final int code;

    /**
     * An error with its code and message.
     *
     * @param code    the FPNN or RTM error code
     * @param message what went wrong, as the {@code ex} field of an error answer carries it
     */
    public FpnnException(int code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * An error with its code, message and cause.
     *
     * @param code    the FPNN or RTM error code
     * @param message what went wrong
     * @param cause   what caused it, or {@code null}
     */
    public FpnnException(int code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The error code, as an error answer carries it. */
    public int code() {
        return code;
    }

    /** The code and the message, as {@code "20003: no answer to ..."}. */
    @Override
    public String getMessage() {
        return code + ": " + super.getMessage();
    }

    /** The message without the code, as an error answer's {@code ex} field carries it. */
    public String reason() {
        return super.getMessage();
    }
}
