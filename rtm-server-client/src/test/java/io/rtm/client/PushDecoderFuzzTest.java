package io.rtm.client;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.PayloadCodec;
import org.junit.jupiter.params.provider.MethodSource;

import static io.rtm.fpnn.PipelineRun.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the typed push reader (payload bytes straight into an
 * {@link RtmMessage}) with Jazzer, starting from every golden push payload,
 * read as a P2P, group and room push. For any bytes:
 * <ul>
 *   <li>the reader gives a message or an {@link FpnnException} with a protocol code
 *       (10003, 10009, 10010), so that the push is answered with an error and nothing else;</li>
 *   <li>it agrees with the generic payload codec on what is well-formed msgpack: a message
 *       is only read from bytes the codec decodes, and 10003 only for bytes it refuses.</li>
 * </ul>
 * How the fuzz tests run: {@link io.rtm.fpnn.FuzzSeeds}.
 */
class PushDecoderFuzzTest {

    @MethodSource("io.rtm.fpnn.FuzzSeeds#pushPayloads")
    @FuzzTest(maxExecutions = 100_000, maxDuration = "10m")
    void anyPushPayload(byte[] input) {
        boolean wellFormed = decodes(input);
        for (MessageSource source : MessageSource.values()) {
            ByteBuf buf = Unpooled.wrappedBuffer(input);
            try {
                RtmMessage message = PayloadCodec.decode(buf, 0, input.length, PushDecoder.reader(source));
                assertThat(message.text() != null ^ message.isBinary()).as("text or binary").isTrue();
                assertThat(wellFormed).as(() -> source + " read from bytes the codec refuses: " + hex(input)).isTrue();
            } catch (FpnnException e) {
                assertThat(e.code()).as(() -> source + " code for " + hex(input)).isIn(FpnnErrorCode.PROTO_INVALID_PACKAGE,
                        FpnnErrorCode.PROTO_KEY_NOT_FOUND, FpnnErrorCode.PROTO_TYPE_CONVERT);
                if (e.code() == FpnnErrorCode.PROTO_INVALID_PACKAGE) {
                    assertThat(wellFormed).as(() -> source + " refused bytes the codec decodes: " + hex(input)).isFalse();
                }
            } finally {
                buf.release();
            }
        }
    }

    private static boolean decodes(byte[] input) {
        try {
            PayloadCodec.decode(input);
            return true;
        } catch (FpnnException e) {
            return false;
        }
    }
}
