package io.rtm.fpnn;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The byte stream does not follow the FPNN framing: the connection that
 * carried it cannot be trusted any more and is closed.
 */
public final class FpnnProtocolException extends CorruptedFrameException {

    private static final long serialVersionUID = 1L;

    public FpnnProtocolException(String message) {
        super(message);
    }
}
