package io.rtm.fpnn;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the frame decoder and payload codec random bytes and mutations of every
 * golden vector. Whatever arrives, no exception leaves the pipeline, nothing is
 * allocated beyond the configured maximum, no buffer leaks, and a channel that
 * saw bad framing ends closed.
 *
 * <p>Cases are generated from a fixed seed, so a failure names a case that can
 * be replayed; {@code -Drtm.fuzz.cases=1000000} runs the longer campaign and
 * {@code -Drtm.fuzz.seed=N} another sequence.
 */
@ExtendWith(NoLeaks.class)
class DecoderFuzzTest {

    private static final int CASES = Integer.getInteger("rtm.fuzz.cases", 100_000);
    private static final long SEED = Long.getLong("rtm.fuzz.seed", 0x5EED_F9A1L);
    private static final int MAX_PAYLOAD = 4096;
    /** Far above what one case needs, far below what an unchecked declared length would allocate. */
    private static final long ALLOCATION_BOUND = 4L * 1024 * 1024;

    private static final byte[][] VECTORS = Vectors.load("fpnn-frames.json").stream()
            .map(entry -> HexFormat.of().parseHex(entry.get("hex").stringValue()))
            .toArray(byte[][]::new);

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void noInputBreaksThePipeline() {
        SplittableRandom random = new SplittableRandom(SEED);
        int closed = 0;
        int frames = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] input = i % 2 == 0 ? mutate(VECTORS[random.nextInt(VECTORS.length)], random) : noise(random);
            Outcome outcome = feed(input, random, i);
            closed += outcome.closed ? 1 : 0;
            frames += outcome.frames;
        }
        // the campaign reached both sides: inputs that framed, and inputs that closed the channel
        assertThat(frames).isPositive();
        assertThat(closed).isPositive();
    }

    @Test
    void payloadCodecOnlyEverSaysInvalidPackage() {
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int i = 0; i < CASES / 2; i++) {
            byte[] input = i % 2 == 0 ? mutate(payloadOf(VECTORS[random.nextInt(VECTORS.length)]), random)
                    : noise(random);
            long before = THREADS.getCurrentThreadAllocatedBytes();
            try {
                PayloadCodec.decode(input);
            } catch (FpnnException e) {
                assertThat(e.code()).as("case %d: %s", i, HexFormat.of().formatHex(input))
                        .isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
            }
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("allocated by case %d", i)
                    .isLessThan(ALLOCATION_BOUND);
        }
    }

    private record Outcome(boolean closed, int frames) {
    }

    private static Outcome feed(byte[] input, SplittableRandom random, int caseNumber) {
        EmbeddedChannel channel = new EmbeddedChannel();
        FpnnPipeline.install(channel.pipeline(), MAX_PAYLOAD, new FpnnConnection(quest -> {
            quest.payload(); // a payload that did not decode is answered with its error
            return Payload.EMPTY;
        }, Duration.ofSeconds(1)));
        long before = THREADS.getCurrentThreadAllocatedBytes();
        try {
            // split the input at a random point, as two socket reads
            int split = input.length == 0 ? 0 : random.nextInt(input.length + 1);
            channel.writeInbound(Unpooled.wrappedBuffer(input, 0, split));
            if (channel.isActive()) {
                channel.writeInbound(Unpooled.wrappedBuffer(input, split, input.length - split));
            }
            channel.checkException();
            int answers = 0;
            for (Object out; (out = channel.readOutbound()) != null; ) {
                io.netty.util.ReferenceCountUtil.release(out);
                answers++;
            }
            assertThat(THREADS.getCurrentThreadAllocatedBytes() - before).as("allocated by case %d", caseNumber)
                    .isLessThan(ALLOCATION_BOUND);
            return new Outcome(!channel.isActive(), answers);
        } catch (AssertionError e) {
            throw e;
        } catch (Throwable e) {
            throw new AssertionError("case " + caseNumber + " let " + e + " out of the pipeline; input "
                    + HexFormat.of().formatHex(input), e);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    /** Random bytes, often behind a plausible header so that the deeper checks are reached too. */
    private static byte[] noise(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        if (random.nextInt(3) == 0) {
            return bytes;
        }
        int methodLength = 1 + random.nextInt(8);
        int payloadSize = random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(bytes.length + 2);
        byte[] frame = new byte[16 + methodLength + bytes.length];
        System.arraycopy(new byte[] {'F', 'P', 'N', 'N', (byte) random.nextInt(2), (byte) 0x80,
                (byte) random.nextInt(3), (byte) methodLength}, 0, frame, 0, 8);
        frame[8] = (byte) payloadSize;
        frame[9] = (byte) (payloadSize >> 8);
        frame[10] = (byte) (payloadSize >> 16);
        frame[11] = (byte) (payloadSize >> 24);
        for (int i = 16; i < 16 + methodLength; i++) {
            frame[i] = (byte) ('a' + random.nextInt(26));
        }
        System.arraycopy(bytes, 0, frame, 16 + methodLength, bytes.length);
        return frame;
    }

    /** The vector with a few random edits: bit flips, new bytes, cuts, insertions, repeats. */
    private static byte[] mutate(byte[] original, SplittableRandom random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(6)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = (byte) random.nextInt(256);
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
                case 3 -> {
                    byte[] longer = new byte[bytes.length + 1];
                    System.arraycopy(bytes, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                    bytes = longer;
                }
                case 4 -> {
                    byte[] twice = java.util.Arrays.copyOf(bytes, bytes.length * 2);
                    System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
                    bytes = twice;
                }
                default -> bytes[at] = List.of((byte) 0x00, (byte) 0x7f, (byte) 0x80, (byte) 0xff)
                        .get(random.nextInt(4));
            }
        }
        return bytes;
    }

    /** The msgpack payload of a vector frame (what follows its header and method). */
    private static byte[] payloadOf(byte[] frame) {
        int mtype = frame[6];
        int header = mtype == 0 ? 12 : 16;
        int method = mtype == 2 ? 0 : frame[7] & 0xff;
        return java.util.Arrays.copyOfRange(frame, header + method, frame.length);
    }
}
