package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds bytes to an FPNN pipeline on an embedded channel, as a peer's two
 * socket reads, and tells what came of it: for the fuzz tests. Quests are
 * answered with an empty payload (or the error of a payload that does not
 * decode). Any exception that leaves the pipeline, and any buffer the run
 * allocated and did not release, fails the run.
 */
public final class PipelineRun {

    public static final int MAX_PAYLOAD = 4096;

    /** The bytes the channel wrote back (hex), and whether it ended closed. */
    public record Outcome(String answers, boolean closed) {
    }

    private PipelineRun() {
    }

    /** Where to cut an input into two reads: it depends on the bytes alone, so that a failing input replays. */
    public static int cutOf(byte[] input) {
        return Math.floorMod(Arrays.hashCode(input), input.length + 1);
    }

    /**
     * Writes the input in two reads, cut after {@code cut} bytes, to a channel
     * with the given transport handlers (encryption) in front of the FPNN pipeline.
     */
    public static Outcome feed(byte[] input, int cut, ChannelHandler... transport) {
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel(transport);
        channel.config().setAllocator(allocator);
        FpnnPipeline.install(channel.pipeline(), MAX_PAYLOAD, new FpnnConnection(quest -> {
            quest.payload(); // a payload that does not decode is answered with its error
            return Payload.EMPTY;
        }, Duration.ofSeconds(1)));
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        boolean closed;
        try {
            channel.writeInbound(allocator.buffer(cut).writeBytes(input, 0, cut));
            if (channel.isActive()) {
                channel.writeInbound(allocator.buffer(input.length - cut).writeBytes(input, cut, input.length - cut));
            }
            channel.checkException();
            for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
                answers.writeBytes(ByteBufUtil.getBytes(out));
            }
            closed = !channel.isActive(); // before finishing, which closes it
        } catch (Exception e) {
            throw new AssertionError(e + " left the pipeline for " + hex(input), e);
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(allocator.unreleased()).as(() -> "buffers left unreleased by " + hex(input)).isZero();
        return new Outcome(hex(answers.toByteArray()), closed);
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
