package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A failed RTM call: the gateway's error answer (for example 200002, invalid
 * signature), a timeout (20003), a closed connection (20002) or no connection
 * (20012). {@link #code()} carries the code, {@link #reason()} the message.
 */
public final class RtmException extends FpnnException {

    private static final long serialVersionUID = 1L;

    /** A failure with its code and message (without the secret or any key). */
    public RtmException(int code, String message) {
        super(code, message);
    }

    /** A failure with its code, message and cause. */
    public RtmException(int code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The gateway's code for an invalid project id or user id. */
    public static final int INVALID_PID_OR_UID = 200001;

    /** The gateway's code for an invalid project id or signature: the secret key does not match. */
    public static final int INVALID_PID_OR_SIGN = 200002;

    /** Whether the gateway refused the project id or secret key ({@value #INVALID_PID_OR_UID}, {@value #INVALID_PID_OR_SIGN}). */
    public boolean isCredentialsRejected() {
        return code() == INVALID_PID_OR_UID || code() == INVALID_PID_OR_SIGN;
    }

    /**
     * The same failure as an {@code RtmException}: itself, an {@code FpnnException}'s code and reason, or
     * 20001 for anything else; unwrapped from the {@code CompletionException} or {@code ExecutionException}
     * of a future.
     */
    public static RtmException of(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException
                || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RtmException rtm) {
            return rtm;
        }
        if (cause instanceof FpnnException fpnn) {
            return new RtmException(fpnn.code(), fpnn.reason(), fpnn);
        }
        return new RtmException(FpnnErrorCode.CORE_UNKNOWN_ERROR, String.valueOf(cause), cause);
    }
}
