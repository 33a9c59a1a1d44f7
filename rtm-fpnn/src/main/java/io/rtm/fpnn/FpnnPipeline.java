package io.rtm.fpnn;

import io.netty.channel.ChannelPipeline;

/**
 * The fixed order of FPNN handlers on a channel: framing below, the
 * conversation above. Transport handlers (encryption, keepalive) go in front,
 * before {@link #DECODER}.
 */
public final class FpnnPipeline {

    /** The frame decoder's name in the pipeline: the first FPNN handler, behind the transport handlers. */
    public static final String DECODER = "fpnn-decoder";
    static final String ENCODER = "fpnn-encoder";
    static final String CONNECTION = "fpnn-connection";

    private static final FpnnFrameEncoder ENCODER_INSTANCE = new FpnnFrameEncoder();

    private FpnnPipeline() {
    }

    /**
     * Appends the frame codec and the connection to the pipeline, typically
     * from a {@code ChannelInitializer}. The decoder asks the connection's quest
     * handler for {@linkplain FpnnQuestHandler#fieldReader field readers}.
     *
     * @param pipeline       a pipeline without FPNN handlers yet
     * @param maxPayloadSize the largest payload accepted from the peer, in bytes; a larger
     *                       declared size closes the connection before anything is allocated
     * @param connection     a connection not yet in any pipeline
     * @throws IllegalArgumentException when {@code maxPayloadSize} is not positive, or the
     *         pipeline already has handlers of these names
     * @throws io.netty.channel.ChannelPipelineException when the connection is already in a pipeline
     */
    public static void install(ChannelPipeline pipeline, int maxPayloadSize, FpnnConnection connection) {
        pipeline.addLast(DECODER, new FpnnFrameDecoder(maxPayloadSize, connection::fieldReader));
        pipeline.addLast(ENCODER, ENCODER_INSTANCE);
        pipeline.addLast(CONNECTION, connection);
    }
}
