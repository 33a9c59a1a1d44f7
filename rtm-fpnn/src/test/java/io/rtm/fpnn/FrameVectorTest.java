package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every frame of the golden vectors (produced by the public FPNN Java SDK)
 * decodes to its header, method and payload; our encoding of the same values
 * is byte-identical to the SDK's, which also writes the smallest msgpack
 * forms in the map's key order.
 */
@ExtendWith(NoLeaks.class)
class FrameVectorTest {

    private static final List<JsonNode> FRAMES = Vectors.load("fpnn-frames.json");

    static Stream<Arguments> frames() {
        return FRAMES.stream().map(frame -> Arguments.of(frame.get("name").stringValue(), frame));
    }

    @Test
    void vectorsCoverEveryFrameType() {
        assertThat(FRAMES).hasSizeGreaterThanOrEqualTo(17);
        assertThat(FRAMES).extracting(frame -> frame.get("header").get("mtype").intValue())
                .contains(0, 1, 2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void decodesToTheVectorsHeaderMethodAndPayload(String name, JsonNode vector) {
        JsonNode header = vector.get("header");
        byte[] bytes = HexFormat.of().parseHex(vector.get("hex").stringValue());
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII))
                .isEqualTo(header.get("magic").stringValue());
        assertThat(bytes[4]).isEqualTo((byte) header.get("version").intValue());
        assertThat(bytes[5] & 0xff).isEqualTo(header.get("flag").intValue());

        FpnnFrame frame = decodeOne(bytes);

        int mtype = header.get("mtype").intValue();
        assertThat(frame.type().code()).isEqualTo(mtype);
        JsonNode seq = header.get("seq");
        if (mtype == 0) {
            assertThat(seq.isNull()).isTrue();
            assertThat(frame.seq()).isZero();
        } else {
            assertThat(Integer.toUnsignedLong(frame.seq())).isEqualTo(seq.longValue());
        }
        if (mtype == 2) {
            assertThat(frame.method()).isNull();
            assertThat(vector.get("method").isNull()).isTrue();
            assertThat(frame.status()).isEqualTo(header.get("methodLengthOrStatus").intValue());
            assertThat(frame.isErrorAnswer()).isEqualTo(frame.status() != 0);
        } else {
            assertThat(frame.method()).isEqualTo(vector.get("method").stringValue());
            assertThat(frame.method().getBytes(StandardCharsets.UTF_8))
                    .hasSize(header.get("methodLengthOrStatus").intValue());
            assertThat(frame.status()).isZero();
        }
        assertThat(frame.hasValidPayload()).isTrue();
        Payload expected = expectedPayload(vector);
        assertThat(frame.payload()).isEqualTo(expected);
        assertThat(frame.payload().asMap().keySet()).containsExactlyElementsOf(expected.asMap().keySet());
        if (frame.isErrorAnswer()) {
            FpnnException error = frame.toException();
            assertThat(error.code()).isEqualTo(expected.getLong("code"));
            assertThat(error.reason()).isEqualTo(expected.getString("ex"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("frames")
    void encodesByteIdenticalToTheVector(String name, JsonNode vector) {
        JsonNode header = vector.get("header");
        String method = vector.get("method").isNull() ? null : vector.get("method").stringValue();
        int seq = header.get("seq").isNull() ? 0 : (int) header.get("seq").longValue();
        int mtype = header.get("mtype").intValue();
        int status = mtype == 2 ? header.get("methodLengthOrStatus").intValue() : 0;
        Payload payload = expectedPayload(vector);
        FpnnFrame frame = switch (mtype) {
            case 0 -> FpnnFrame.oneWay(method, payload);
            case 1 -> FpnnFrame.twoWay(seq, method, payload);
            // an error answer is built the way the connection builds one, {"code", "ex"} with status 1
            default -> status == 0 ? FpnnFrame.answer(seq, payload)
                    : FpnnFrame.errorAnswer(seq, payload.getInt("code"), payload.getString("ex"));
        };

        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameEncoder());
        assertThat(channel.writeOutbound(frame)).isTrue();
        ByteBuf out = channel.readOutbound();
        byte[] encoded;
        try {
            encoded = ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
        assertThat(channel.finishAndReleaseAll()).isFalse();

        FpnnFrame back = decodeOne(encoded);
        assertThat(back.type()).isEqualTo(frame.type());
        assertThat(back.seq()).isEqualTo(seq);
        assertThat(back.method()).isEqualTo(method);
        assertThat(back.status()).isEqualTo(status);
        assertThat(back.payload()).isEqualTo(payload);
        // Byte-identical: the SDK (msgpack-core) also packs every value in its smallest form
        // (non-negative integers >= 2^32 as uint64, str8 from 32 bytes on) and keys in map order.
        assertThat(HexFormat.of().formatHex(encoded)).isEqualTo(vector.get("hex").stringValue());
    }

    @Test
    void allVectorsInOneReadDecodeInOrder() {
        ByteBuf all = Unpooled.buffer();
        for (JsonNode vector : FRAMES) {
            all.writeBytes(HexFormat.of().parseHex(vector.get("hex").stringValue()));
        }
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder());
        assertThat(channel.writeInbound(all)).isTrue();
        for (JsonNode vector : FRAMES) {
            FpnnFrame frame = channel.readInbound();
            assertThat(frame).as(vector.get("name").stringValue()).isNotNull();
            assertThat(frame.payload()).isEqualTo(expectedPayload(vector));
        }
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
        assertThat(all.refCnt()).isZero();
    }

    @SuppressWarnings("unchecked")
    private static Payload expectedPayload(JsonNode vector) {
        return Payload.of((Map<String, ?>) Vectors.value(vector.get("payload")));
    }

    private static FpnnFrame decodeOne(byte[] bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder());
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        assertThat(channel.writeInbound(in)).isTrue();
        FpnnFrame frame = channel.readInbound();
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finishAndReleaseAll()).isFalse();
        assertThat(in.refCnt()).isZero();
        return frame;
    }

    @Test
    void theEmptyAnswerIsWrittenExactlyAsTheSdkWritesItsAnswerToAPush() {
        JsonNode vector = FRAMES.stream().filter(frame -> frame.get("name").stringValue().equals("answer_push_ok"))
                .findFirst().orElseThrow();
        ByteBuf out = Unpooled.buffer();
        try {
            FpnnFrameEncoder.encodeEmptyAnswer((int) vector.get("header").get("seq").longValue(), out);
            assertThat(HexFormat.of().formatHex(ByteBufUtil.getBytes(out)))
                    .isEqualTo(vector.get("hex").stringValue());
        } finally {
            out.release();
        }
    }
}
