package io.rtm.fpnn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the whole inbound pipeline (frame decoder, payload codec, quest
 * answering) with Jazzer, starting from every golden frame. For any bytes:
 * <ul>
 *   <li>no exception leaves the pipeline;</li>
 *   <li>a case allocates less than {@link #ALLOCATION_BOUND}, whatever lengths its header declares;</li>
 *   <li>how the bytes are cut into reads changes nothing: fed at once or in two reads,
 *       the channel writes the same answers and ends open or closed alike;</li>
 *   <li>every buffer the case allocated is released by its end.</li>
 * </ul>
 * How the fuzz tests run, and what becomes of an input that breaks a property:
 * {@link FuzzSeeds}.
 */
class FrameDecoderFuzzTest {

    private static final int MAX_PAYLOAD = 4096;
    /**
     * 256 bytes per byte of the configured maximum payload: a wide margin over
     * what decoding needs, far below what trusting a declared length (up to 4 GiB) would take.
     */
    private static final long ALLOCATION_BOUND = 256L * MAX_PAYLOAD;

    private static long framed;
    private static long closed;

    @MethodSource("io.rtm.fpnn.FuzzSeeds#frames")
    @FuzzTest(maxExecutions = 100_000, maxDuration = "10m")
    void anyBytes(byte[] input) {
        Outcome atOnce = Allocation.below(ALLOCATION_BOUND, () -> feed(input, input.length), () -> hex(input));
        // the cut depends on the bytes alone, so that a failing input replays
        int cut = Math.floorMod(Arrays.hashCode(input), input.length + 1);
        assertThat(feed(input, cut)).as(() -> "cut after " + cut + " bytes: " + hex(input)).isEqualTo(atOnce);
        framed += atOnce.answers.isEmpty() ? 0 : 1;
        closed += atOnce.closed ? 1 : 0;
    }

    @AfterAll
    static void bothOutcomesWereReached() {
        assertThat(framed).as("inputs that were answered").isPositive();
        assertThat(closed).as("inputs that closed the channel").isPositive();
    }

    private record Outcome(String answers, boolean closed) {
    }

    /** Writes the input in two reads, cut after {@code cut} bytes; the answers written, and whether it closed. */
    private static Outcome feed(byte[] input, int cut) {
        RecordingAllocator allocator = new RecordingAllocator();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(allocator);
        FpnnPipeline.install(channel.pipeline(), MAX_PAYLOAD, new FpnnConnection(quest -> {
            quest.payload(); // a payload that does not decode is answered with its error
            return Payload.EMPTY;
        }, Duration.ofSeconds(1)));
        ByteArrayOutputStream answers = new ByteArrayOutputStream();
        try {
            channel.writeInbound(allocator.buffer(cut).writeBytes(input, 0, cut));
            if (channel.isActive()) {
                channel.writeInbound(allocator.buffer(input.length - cut).writeBytes(input, cut, input.length - cut));
            }
            channel.checkException();
            for (ByteBuf out; (out = channel.readOutbound()) != null; out.release()) {
                answers.writeBytes(ByteBufUtil.getBytes(out));
            }
        } catch (Exception e) {
            throw new AssertionError(e + " left the pipeline for " + hex(input), e);
        } finally {
            channel.finishAndReleaseAll();
        }
        assertThat(allocator.unreleased()).as(() -> "buffers left unreleased by " + hex(input)).isZero();
        return new Outcome(HexFormat.of().formatHex(answers.toByteArray()), !channel.isActive());
    }

    private static String hex(byte[] input) {
        return HexFormat.of().formatHex(input);
    }
}
