package io.rtm.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.PayloadCodec;
import io.rtm.fpnn.Vectors;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutations of the golden vectors' push payloads read straight into
 * RtmMessages: every outcome is a message or an FpnnException with a protocol
 * code, never another exception. Seeded; {@code -Drtm.fuzz.cases=N} for more.
 */
class PushDecoderFuzzTest {

    private static final int CASES = Integer.getInteger("rtm.fuzz.cases", 100_000) / 2;

    private static final List<byte[]> PUSH_PAYLOADS = Vectors.load("fpnn-frames.json").stream()
            .filter(entry -> !entry.get("method").isNull() && entry.get("method").stringValue().startsWith("push"))
            .map(entry -> payloadOf(HexFormat.of().parseHex(entry.get("hex").stringValue())))
            .toList();

    @Test
    void readsOrRefusesWithAProtocolError() {
        assertThat(PUSH_PAYLOADS).hasSizeGreaterThanOrEqualTo(5);
        SplittableRandom random = new SplittableRandom(0xF00D);
        MessageSource[] sources = MessageSource.values();
        int read = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = mutate(PUSH_PAYLOADS.get(random.nextInt(PUSH_PAYLOADS.size())), random);
            ByteBuf buf = Unpooled.wrappedBuffer(input);
            try {
                RtmMessage message = PayloadCodec.decode(buf, 0, input.length,
                        PushDecoder.reader(sources[random.nextInt(sources.length)]));
                assertThat(message.text() != null ^ message.isBinary()).isTrue();
                read++;
            } catch (FpnnException e) {
                assertThat(e.code()).as("case %d: %s", i, HexFormat.of().formatHex(input)).isIn(
                        FpnnErrorCode.PROTO_INVALID_PACKAGE, FpnnErrorCode.PROTO_KEY_NOT_FOUND,
                        FpnnErrorCode.PROTO_TYPE_CONVERT);
            } catch (RuntimeException e) {
                throw new AssertionError("case " + i + " threw " + e + " for " + HexFormat.of().formatHex(input), e);
            } finally {
                buf.release();
            }
        }
        assertThat(read).as("mutations that still read as a message").isPositive();
    }

    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        int edits = random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(3)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                default -> bytes = java.util.Arrays.copyOf(bytes, at);
            }
        }
        return bytes;
    }

    private static byte[] payloadOf(byte[] frame) {
        int method = frame[7] & 0xff;
        return java.util.Arrays.copyOfRange(frame, 16 + method, frame.length);
    }
}
