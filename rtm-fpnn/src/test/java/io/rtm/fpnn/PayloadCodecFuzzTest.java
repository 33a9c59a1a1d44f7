package io.rtm.fpnn;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.params.provider.MethodSource;

import static io.rtm.fpnn.PipelineRun.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the msgpack payload codec with Jazzer, starting from the payload of
 * every golden frame. For any bytes:
 * <ul>
 *   <li>decoding gives a payload or an {@link FpnnException} with code 10003 (invalid package), nothing else;</li>
 *   <li>a case allocates less than {@link #ALLOCATION_BOUND}, whatever lengths the bytes declare;</li>
 *   <li>what decodes encodes to a fixed point: decoding and encoding that encoding gives it back.</li>
 * </ul>
 * How the fuzz tests run: {@link FuzzSeeds}.
 */
class PayloadCodecFuzzTest {

    /**
     * 256 bytes per byte of the largest input (libFuzzer's default of 4 KiB): a wide margin
     * over what decoding needs, far below what trusting a declared length (up to 4 GiB) would take.
     */
    private static final long ALLOCATION_BOUND = 256L * 4096;

    @MethodSource("io.rtm.fpnn.FuzzSeeds#payloads")
    @FuzzTest(maxExecutions = 100_000, maxDuration = "10m")
    void anyPayload(byte[] input) {
        Object decoded = Allocation.below(ALLOCATION_BOUND, () -> decode(input), () -> hex(input));
        if (decoded instanceof FpnnException e) {
            assertThat(e.code()).as(() -> "code for " + hex(input)).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
            return;
        }
        Payload payload = (Payload) decoded;
        byte[] encoded = PayloadCodec.encodeToBytes(payload);
        assertThat(PayloadCodec.encodeToBytes(PayloadCodec.decode(encoded)))
                .as(() -> "re-encoding of " + hex(input)).isEqualTo(encoded);
    }

    /** The payload, or the exception that refused the bytes. */
    private static Object decode(byte[] input) {
        try {
            return PayloadCodec.decode(input);
        } catch (FpnnException e) {
            return e;
        }
    }
}
