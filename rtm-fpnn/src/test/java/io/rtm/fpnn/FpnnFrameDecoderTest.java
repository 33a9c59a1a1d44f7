package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(NoLeaks.class)
class FpnnFrameDecoderTest {

    private static final HexFormat HEX = HexFormat.of();

    /** Every buffer a test hands to a channel: all must have been released by the end. */
    private final List<ByteBuf> created = new ArrayList<>();
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void everythingReleased() {
        for (EmbeddedChannel channel : channels) {
            assertThat(channel.finishAndReleaseAll()).as("unread messages left in %s", channel).isFalse();
        }
        assertThat(created).allSatisfy(buf -> assertThat(buf.refCnt()).as("refCnt of an input buffer").isZero());
    }

    // ---- complete and partial frames --------------------------------------

    @Test
    void frameFedByteByByteDecodesOnTheLastByte() {
        EmbeddedChannel channel = decoder();
        byte[] bytes = encode(FpnnFrame.twoWay(7, "pushmsg", Payload.builder().put("mid", 1L).build()));
        for (int i = 0; i < bytes.length - 1; i++) {
            assertThat(channel.writeInbound(buf(bytes, i, 1))).as("after byte %d", i).isFalse();
        }
        assertThat(channel.writeInbound(buf(bytes, bytes.length - 1, 1))).isTrue();
        FpnnFrame frame = channel.readInbound();
        assertThat(frame.isTwoWay()).isTrue();
        assertThat(frame.seq()).isEqualTo(7);
        assertThat(frame.method()).isEqualTo("pushmsg");
        assertThat(frame.payload().getLong("mid")).isEqualTo(1);
    }

    @Test
    void frameSplitAtEveryPositionDecodes() {
        FpnnFrame[] frames = {
                FpnnFrame.oneWay("notify", Payload.builder().put("x", 1).build()),
                FpnnFrame.twoWay(-1, "m", Payload.EMPTY),
                FpnnFrame.answer(3, Payload.builder().put("mtime", 1700000000456L).build()),
                FpnnFrame.errorAnswer(4, 200002, "invalid sign")};
        for (FpnnFrame original : frames) {
            byte[] bytes = encode(original);
            for (int split = 1; split < bytes.length; split++) {
                EmbeddedChannel channel = decoder();
                assertThat(channel.writeInbound(buf(bytes, 0, split))).isFalse();
                assertThat(channel.writeInbound(buf(bytes, split, bytes.length - split))).isTrue();
                FpnnFrame frame = channel.readInbound();
                assertThat(frame.type()).isEqualTo(original.type());
                assertThat(frame.seq()).isEqualTo(original.seq());
                assertThat(frame.method()).isEqualTo(original.method());
                assertThat(frame.status()).isEqualTo(original.status());
                assertThat(frame.payload()).isEqualTo(original.payload());
            }
        }
    }

    @Test
    void severalFramesInOneReadAndTheStartOfTheNext() {
        EmbeddedChannel channel = decoder();
        byte[] a = encode(FpnnFrame.twoWay(1, "a", Payload.builder().put("n", 1).build()));
        byte[] b = encode(FpnnFrame.oneWay("b", Payload.EMPTY));
        byte[] c = encode(FpnnFrame.answer(2, Payload.builder().put("n", 3).build()));
        byte[] d = encode(FpnnFrame.twoWay(4, "d", Payload.EMPTY));
        ByteBuf in = track(Unpooled.buffer()).writeBytes(a).writeBytes(b).writeBytes(c).writeBytes(d, 0, 5);
        assertThat(channel.writeInbound(in)).isTrue();
        assertThat(channel.<FpnnFrame>readInbound().method()).isEqualTo("a");
        assertThat(channel.<FpnnFrame>readInbound().method()).isEqualTo("b");
        assertThat(channel.<FpnnFrame>readInbound().payload().getLong("n")).isEqualTo(3);
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.writeInbound(buf(d, 5, d.length - 5))).isTrue();
        assertThat(channel.<FpnnFrame>readInbound().seq()).isEqualTo(4);
    }

    @ParameterizedTest(name = "version {0}")
    @ValueSource(ints = {0, 1})
    void versionsZeroAndOneAreAccepted(int version) {
        EmbeddedChannel channel = decoder();
        byte[] bytes = encode(FpnnFrame.answer(9, Payload.EMPTY));
        bytes[4] = (byte) version;
        assertThat(channel.writeInbound(buf(bytes))).isTrue();
        assertThat(channel.<FpnnFrame>readInbound().seq()).isEqualTo(9);
    }

    @Test
    void longestMethodAndLargestSeqDecode() {
        EmbeddedChannel channel = decoder();
        String method = "m".repeat(255);
        assertThat(channel.writeInbound(buf(encode(FpnnFrame.twoWay(0xffffffff, method, Payload.EMPTY))))).isTrue();
        FpnnFrame frame = channel.readInbound();
        assertThat(frame.method()).isEqualTo(method);
        assertThat(Integer.toUnsignedLong(frame.seq())).isEqualTo(4294967295L);
        assertThat(frame.toString()).contains("4294967295");
    }

    @Test
    void payloadOfExactlyTheMaximumIsAccepted() {
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder(16));
        channels.add(channel);
        Payload payload = Payload.builder().put("s", "x".repeat(12)).build(); // 81 a1 73 ac + 12 = 16 bytes
        assertThat(PayloadCodec.encodeToBytes(payload)).hasSize(16);
        assertThat(channel.writeInbound(buf(encode(FpnnFrame.oneWay("m", payload))))).isTrue();
        assertThat(channel.<FpnnFrame>readInbound().payload()).isEqualTo(payload);
    }

    // ---- header errors ----------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "wrong magic          | 46504e58 01 80 01 01 01000000 01000000 61 80 | bad magic",
            "lower-case magic     | 66706e6e 01 80 01 01 01000000 01000000 61 80 | bad magic",
            "version 2            | 46504e4e 02 80 01 01 01000000 01000000 61 80 | unsupported FPNN version 2",
            "version 255          | 46504e4e ff 80 02 00 01000000 01000000 80    | unsupported FPNN version 255",
            "JSON flag            | 46504e4e 01 40 01 01 02000000 01000000 61 7b7d | JSON payloads are not supported",
            "JSON and msgpack     | 46504e4e 01 c0 01 01 01000000 01000000 61 80 | JSON payloads are not supported",
            "no encoding flag     | 46504e4e 01 00 01 01 01000000 01000000 61 80 | unknown payload encoding",
            "mtype 3              | 46504e4e 01 80 03 01 01000000 01000000 61 80 | unknown frame type 3",
            "mtype 255            | 46504e4e 01 80 ff 01 01000000 01000000 61 80 | unknown frame type 255",
            "two-way, no method   | 46504e4e 01 80 01 00 01000000 01000000 80    | without a method",
            "one-way, no method   | 46504e4e 01 80 00 00 01000000 80             | without a method",
            "payload size 0       | 46504e4e 01 80 02 00 00000000 01000000       | payload size 0",
    })
    void malformedHeaderIsAProtocolError(String name, String hex, String message) {
        EmbeddedChannel channel = decoder();
        ByteBuf in = buf(HEX.parseHex(hex.replace(" ", "")));
        assertThatThrownBy(() -> channel.writeInbound(in))
                .isInstanceOf(FpnnProtocolException.class)
                .hasMessageContaining(message);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void wrongMagicIsRefusedAsSoonAsFourBytesArrive() {
        EmbeddedChannel channel = decoder();
        assertThat(channel.writeInbound(buf(HEX.parseHex("4750")))).isFalse();
        assertThatThrownBy(() -> channel.writeInbound(buf(HEX.parseHex("4e4e"))))
                .isInstanceOf(FpnnProtocolException.class).hasMessageContaining("bad magic");
    }

    @ParameterizedTest(name = "declared {1} bytes, maximum {0}")
    @CsvSource({
            "8388608, 4294967295",
            "8388608, 2147483648",
            "8388608, 8388609",
            "64, 65",
    })
    void payloadAboveTheMaximumIsRefusedFromTheHeaderAlone(int max, long declared) {
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder(max));
        channels.add(channel);
        // only the 16-byte header arrives: the decoder must not wait for (or buffer) the payload
        ByteBuf header = track(Unpooled.buffer(16)).writeInt(FpnnFrameDecoder.MAGIC).writeByte(1).writeByte(0x80)
                .writeByte(2).writeByte(0).writeIntLE((int) declared).writeIntLE(1);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(FpnnProtocolException.class)
                .hasMessageContaining(Long.toString(declared))
                .hasMessageContaining("exceeds the maximum of " + max);
    }

    @Test
    void maximumMustBePositive() {
        assertThatThrownBy(() -> new FpnnFrameDecoder(0)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- after a protocol error -------------------------------------------

    @Test
    void afterAProtocolErrorTheRestIsDiscarded() {
        EmbeddedChannel channel = decoder();
        byte[] good = encode(FpnnFrame.twoWay(1, "a", Payload.EMPTY));
        ByteBuf badThenGood = track(Unpooled.buffer()).writeBytes(HEX.parseHex("46504e4e02800101010000000100000061" + "80"))
                .writeBytes(good);
        assertThatThrownBy(() -> channel.writeInbound(badThenGood)).isInstanceOf(FpnnProtocolException.class);
        assertThat(channel.writeInbound(buf(good))).isFalse();
        assertThat(channel.writeInbound(buf(good, 0, 10))).isFalse();
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void protocolErrorClosesTheConnectionAndFailsItsPendingQuests() {
        FpnnConnection connection = new FpnnConnection(quest -> Payload.EMPTY, Duration.ofSeconds(30));
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder(), new FpnnFrameEncoder(), connection);
        channels.add(channel);
        CompletableFuture<Payload> pending = connection.sendQuest("addlisten", Payload.EMPTY);
        ByteBuf sent = channel.readOutbound();
        sent.release();
        assertThat(connection.pendingCount()).isEqualTo(1);

        channel.writeInbound(buf(HEX.parseHex("46504e4e01400101020000000100000061" + "7b7d"))); // JSON flag
        channel.checkException(); // the connection handled the error: nothing left to rethrow

        assertThat(channel.isOpen()).isFalse();
        assertThat(pending).isCompletedExceptionally();
        FpnnException e = catchThrowableOfType(FpnnException.class, () -> {
            try {
                pending.join();
            } catch (CompletionException ce) {
                throw ce.getCause();
            }
        });
        assertThat(e.code()).isEqualTo(FpnnErrorCode.CORE_CONNECTION_CLOSED);
        assertThat(connection.pendingCount()).isZero();
        assertThat(connection.sendQuest("again", Payload.EMPTY))
                .failsWithin(Duration.ZERO)
                .withThrowableThat().havingCause().isInstanceOf(FpnnException.class)
                .withMessageContaining(Integer.toString(FpnnErrorCode.CORE_INVALID_CONNECTION));
    }

    // ---- malformed payloads inside good framing ---------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "not a map, 91 01",
            "nil, c0",
            "truncated msgpack, 81 a1 76 cd 01",
            "trailing bytes, 80 80",
            "non-string key, 81 01 01",
            "str longer than the payload, 81 a1 76 db 7f ff ff ff",
    })
    void malformedPayloadStillMakesAFrameAndTheNextFrameDecodes(String name, String payloadHex) {
        EmbeddedChannel channel = decoder();
        byte[] payload = HEX.parseHex(payloadHex.replace(" ", ""));
        ByteBuf bad = track(Unpooled.buffer()).writeInt(FpnnFrameDecoder.MAGIC).writeByte(1).writeByte(0x80)
                .writeByte(1).writeByte(4).writeIntLE(payload.length).writeIntLE(42)
                .writeBytes("ping".getBytes(StandardCharsets.UTF_8)).writeBytes(payload);
        assertThat(channel.writeInbound(bad)).isTrue();
        FpnnFrame frame = channel.readInbound();
        assertThat(frame.isTwoWay()).isTrue();
        assertThat(frame.seq()).isEqualTo(42);
        assertThat(frame.method()).isEqualTo("ping");
        assertThat(frame.hasValidPayload()).isFalse();
        FpnnException e = catchThrowableOfType(FpnnException.class, frame::payload);
        assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
        assertThat(frame.toException().code()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);

        assertThat(channel.writeInbound(buf(encode(FpnnFrame.answer(43, Payload.builder().put("ok", true).build())))))
                .isTrue();
        assertThat(channel.<FpnnFrame>readInbound().payload().getBoolean("ok")).isTrue();
    }

    @Test
    void questWithAMalformedPayloadGetsError10003AndTheConnectionStaysUp() {
        FpnnConnection connection = new FpnnConnection(quest -> quest.payload(), Duration.ofSeconds(30));
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder(), new FpnnFrameEncoder(), connection);
        channels.add(channel);
        ByteBuf bad = track(Unpooled.buffer()).writeInt(FpnnFrameDecoder.MAGIC).writeByte(1).writeByte(0x80)
                .writeByte(1).writeByte(1).writeIntLE(2).writeIntLE(5).writeByte('q').writeByte(0x91).writeByte(0x01);
        channel.writeInbound(bad);
        FpnnFrame answer = decodeOutbound(channel);
        assertThat(answer.seq()).isEqualTo(5);
        assertThat(answer.isErrorAnswer()).isTrue();
        assertThat(answer.toException().code()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
        assertThat(channel.isOpen()).isTrue();

        channel.writeInbound(buf(encode(FpnnFrame.twoWay(6, "q", Payload.builder().put("k", "v").build()))));
        FpnnFrame ok = decodeOutbound(channel);
        assertThat(ok.seq()).isEqualTo(6);
        assertThat(ok.isErrorAnswer()).isFalse();
        assertThat(ok.payload().getString("k")).isEqualTo("v");
    }

    // ---- helpers ----------------------------------------------------------

    private EmbeddedChannel decoder() {
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder());
        channels.add(channel);
        return channel;
    }

    private ByteBuf track(ByteBuf buf) {
        created.add(buf);
        return buf;
    }

    private ByteBuf buf(byte[] bytes) {
        return buf(bytes, 0, bytes.length);
    }

    /** A copy in a (leak-tracked) direct buffer from the default allocator, like socket reads. */
    private ByteBuf buf(byte[] bytes, int offset, int length) {
        return track(ByteBufAllocator.DEFAULT.directBuffer(length).writeBytes(bytes, offset, length));
    }

    private static byte[] encode(FpnnFrame frame) {
        ByteBuf out = Unpooled.buffer();
        try {
            FpnnFrameEncoder.encode(frame, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** Reads one written frame from the channel's outbound side and decodes it. */
    private FpnnFrame decodeOutbound(EmbeddedChannel channel) {
        ByteBuf out = channel.readOutbound();
        assertThat(out).as("an answer was written").isNotNull();
        EmbeddedChannel decoder = decoder();
        assertThat(decoder.writeInbound(out)).isTrue();
        assertThat(out.refCnt()).isZero();
        return decoder.readInbound();
    }
}
