package io.rtm.fpnn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rtm.fpnn.PipelineRun.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.provider.MethodSource;

import static io.rtm.fpnn.PipelineRun.hex;
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

    /**
     * 256 bytes per byte of the configured maximum payload: a wide margin over
     * what decoding needs, far below what trusting a declared length (up to 4 GiB) would take.
     */
    private static final long ALLOCATION_BOUND = 256L * PipelineRun.MAX_PAYLOAD;

    private static long framed;
    private static long closed;

    @MethodSource("io.rtm.fpnn.FuzzSeeds#frames")
    @FuzzTest(maxExecutions = 100_000, maxDuration = "10m")
    void anyBytes(byte[] input) {
        Outcome atOnce = Allocation.below(ALLOCATION_BOUND, () -> PipelineRun.feed(input, input.length),
                () -> hex(input));
        int cut = PipelineRun.cutOf(input);
        assertThat(PipelineRun.feed(input, cut)).as(() -> "cut after " + cut + " bytes: " + hex(input))
                .isEqualTo(atOnce);
        framed += atOnce.answers().isEmpty() ? 0 : 1;
        closed += atOnce.closed() ? 1 : 0;
    }

    @AfterAll
    static void bothOutcomesWereReached() {
        assertThat(framed).as("inputs that were answered").isPositive();
        assertThat(closed).as("inputs that closed the channel").isPositive();
    }
}
