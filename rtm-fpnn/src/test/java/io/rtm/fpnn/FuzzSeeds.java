package io.rtm.fpnn;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Starting inputs for the fuzz tests ({@code @MethodSource} ahead of
 * {@code @FuzzTest}): the golden vectors, so that the fuzzer mutates real
 * frames from its first run.
 *
 * <p>The build runs each {@code @FuzzTest} class in a JVM of its own with
 * Jazzer fuzzing ({@code JAZZER_FUZZ}), for {@code rtm.fuzz.cases} inputs:
 * 100,000, or {@code -Drtm.fuzz.cases=1000000} for the longer campaign.
 * Inputs that reach new code are kept in {@code .cifuzz-corpus/} for the next
 * local run. An input that breaks a property fails the build and is saved as
 * {@code src/test/resources/<package>/<Class>Inputs/<method>/crash-<sha1>};
 * committed, it runs before the fuzzing on every build from then on.
 */
public final class FuzzSeeds {

    private record Frame(String method, byte[] bytes) {
    }

    private static final List<Frame> FRAMES = Vectors.load("fpnn-frames.json").stream()
            .map(entry -> new Frame(entry.get("method").isNull() ? null : entry.get("method").stringValue(),
                    HexFormat.of().parseHex(entry.get("hex").stringValue())))
            .toList();

    private FuzzSeeds() {
    }

    /** Every golden frame, and bytes that are no FPNN at all. */
    public static Stream<byte[]> frames() {
        return Stream.concat(FRAMES.stream().map(Frame::bytes),
                Stream.of("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    /** The msgpack payload of every golden frame. */
    public static Stream<byte[]> payloads() {
        return FRAMES.stream().map(frame -> payloadOf(frame.bytes()));
    }

    /** The payloads of the golden push quests (pushmsg, pushgroupmsg, pushevent...). */
    public static Stream<byte[]> pushPayloads() {
        return FRAMES.stream()
                .filter(frame -> frame.method() != null && frame.method().startsWith("push"))
                .map(frame -> payloadOf(frame.bytes()));
    }

    /** What follows the header (12 bytes for one-way quests, 16 otherwise) and the method name. */
    private static byte[] payloadOf(byte[] frame) {
        int mtype = frame[6];
        int header = mtype == 0 ? 12 : 16;
        int method = mtype == 2 ? 0 : frame[7] & 0xff;
        return Arrays.copyOfRange(frame, header + method, frame.length);
    }
}
