package io.rtm.fpnn;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The byte stream does not follow the FPNN framing: the connection that
 * carried it cannot be trusted any more and is closed. Thrown into the
 * pipeline by the frame decoder and the cipher handler, on the event loop.
 */
public final class FpnnProtocolException extends CorruptedFrameException {

    private static final long serialVersionUID = 1L;

    /**
     * A framing error.
     *
     * @param message what in the input broke the framing
     */
    public FpnnProtocolException(String message) {
        super(message);
    }
}
