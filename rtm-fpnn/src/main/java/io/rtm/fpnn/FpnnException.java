package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

/**
 * A failed FPNN exchange: an error answer from the peer, a timeout, a closed
 * connection or a payload that does not have the expected fields.
 * {@link #code()} is the FPNN or RTM error code (see {@link FpnnErrorCode}).
 */
public class FpnnException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;

    public FpnnException(int code, String message) {
        super(message);
        this.code = code;
    }

    public FpnnException(int code, String message, @Nullable Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The error code, as an error answer carries it. */
    public int code() {
        return code;
    }

    @Override
    public String getMessage() {
        return code + ": " + super.getMessage();
    }

    /** The message without the code. */
    public String reason() {
        return super.getMessage();
    }
}
