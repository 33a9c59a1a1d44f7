package io.rtm.fpnn;

import io.netty.channel.ChannelPipeline;

/**
 * The fixed order of FPNN handlers on a channel: framing below, the
 * conversation above. Transport handlers (encryption, keepalive) go in front.
 */
public final class FpnnPipeline {

    public static final String DECODER = "fpnn-decoder";
    static final String ENCODER = "fpnn-encoder";
    static final String CONNECTION = "fpnn-connection";

    private static final FpnnFrameEncoder ENCODER_INSTANCE = new FpnnFrameEncoder();

    private FpnnPipeline() {
    }

    /** Appends the frame codec and the connection to the pipeline. */
    public static void install(ChannelPipeline pipeline, int maxPayloadSize, FpnnConnection connection) {
        pipeline.addLast(DECODER, new FpnnFrameDecoder(maxPayloadSize, connection::fieldReader));
        pipeline.addLast(ENCODER, ENCODER_INSTANCE);
        pipeline.addLast(CONNECTION, connection);
    }
}
