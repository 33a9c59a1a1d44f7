package io.rtm.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;
import io.rtm.fpnn.PayloadCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushDecoderTest {

    /** The payload as it travels: encoded to msgpack, then read field by field as the frame decoder does. */
    private static RtmMessage decode(MessageSource source, Payload payload) {
        ByteBuf buf = Unpooled.wrappedBuffer(PayloadCodec.encodeToBytes(payload));
        try {
            return PayloadCodec.decode(buf, 0, buf.readableBytes(), PushDecoder.reader(source));
        } finally {
            buf.release();
        }
    }

    private static Payload.Builder message(String target, long to, int mtype, Object msg, String attrs) {
        return Payload.builder().put("from", 7L).put(target, to).put("mid", 99L).put("mtype", mtype)
                .put("msg", msg).put("attrs", attrs).put("mtime", 1_700_000_000_123L);
    }

    @Test
    void readsEveryFieldOfAGroupMessage() {
        RtmMessage message = decode(MessageSource.GROUP,
                message("gid", 1001, 51, "hello", "{\"k\":1}").build());

        assertThat(message.source()).isEqualTo(MessageSource.GROUP);
        assertThat(message.fromUid()).isEqualTo(7);
        assertThat(message.toId()).isEqualTo(1001);
        assertThat(message.messageId()).isEqualTo(99);
        assertThat(message.messageType()).isEqualTo(51);
        assertThat(message.text()).isEqualTo("hello");
        assertThat(message.isBinary()).isFalse();
        assertThat(message.binary()).isNull();
        assertThat(message.attrs()).isEqualTo("{\"k\":1}");
        assertThat(message.modifiedTime()).isEqualTo(1_700_000_000_123L);
        assertThat(message.pushType()).isEqualTo(RtmPushType.GROUP_MESSAGE);
        assertThat(message.fileInfo()).isEmpty();
    }

    @Test
    void binaryContentStaysBinary() {
        byte[] content = {0, 1, 2, (byte) 0xff};
        RtmMessage message = decode(MessageSource.P2P, message("to", 5, 60, content, "").build());

        assertThat(message.isBinary()).isTrue();
        assertThat(message.binary()).containsExactly(content);
        assertThat(message.text()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"0,P2P_MESSAGE", "29,P2P_MESSAGE", "30,P2P_CHAT", "31,P2P_MESSAGE", "32,P2P_CMD", "33,P2P_MESSAGE",
            "39,P2P_MESSAGE", "40,P2P_FILE", "41,P2P_FILE", "42,P2P_FILE", "45,P2P_FILE", "50,P2P_FILE",
            "51,P2P_MESSAGE", "127,P2P_MESSAGE"})
    void classifiesByMessageType(int mtype, RtmPushType expected) {
        RtmMessage message = decode(MessageSource.P2P, message("to", 5, mtype, "x", "").build());
        assertThat(message.pushType()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"GROUP,30,GROUP_CHAT", "GROUP,32,GROUP_CMD", "GROUP,50,GROUP_FILE", "ROOM,30,ROOM_CHAT",
            "ROOM,32,ROOM_CMD", "ROOM,40,ROOM_FILE", "ROOM,1,ROOM_MESSAGE"})
    void classifiesGroupAndRoomMessages(MessageSource source, int mtype, RtmPushType expected) {
        assertThat(RtmPushType.of(source, mtype)).isEqualTo(expected);
    }

    @Test
    void parsesFileInfoAndCustomAttributes() {
        String msg = "{\"url\":\"https://files.example/a.png\",\"size\":2048,\"surl\":\"https://files.example/t.png\"}";
        String attrs = "{\"rtm\":{\"ext\":\"png\",\"filename\":\"a.png\"},\"custom\":{\"note\":\"hi\"}}";
        RtmMessage message = decode(MessageSource.ROOM, message("rid", 2001, 40, msg, attrs).build());

        RtmFileInfo info = message.fileInfo().orElseThrow();
        assertThat(info.url()).isEqualTo("https://files.example/a.png");
        assertThat(info.size()).isEqualTo(2048);
        assertThat(info.thumbnailUrl()).isEqualTo("https://files.example/t.png");
        assertThat(info.extension()).isEqualTo("png");
        assertThat(info.fileName()).isEqualTo("a.png");
        assertThat(info.customAttrs()).isEqualTo("{\"note\":\"hi\"}");
        assertThat(message.pushType()).isEqualTo(RtmPushType.ROOM_FILE);
        assertThat(message.text()).isEqualTo(msg);
    }

    @Test
    void fileInfoIsReadFromTheMessageWhenFirstAskedFor() {
        RtmMessage message = RtmMessage.builder(MessageSource.GROUP).toId(1).messageType(41)
                .text("{\"url\":\"https://files.example/v.amr\",\"size\":12}")
                .attrs("{\"rtm\":{\"duration\":2.5,\"srate\":16000},\"custom\":{\"big\":1e999,\"n\":01e0}}")
                .build();
        assertThat(message.fileInfo()).isEmpty(); // "01e0" is not JSON: no file info, the message intact

        RtmMessage wellFormed = RtmMessage.builder(MessageSource.GROUP).toId(1).messageType(41)
                .text("{\"url\":\"https://files.example/v.amr\",\"size\":12}")
                .attrs("{\"rtm\":{\"duration\":2.5,\"srate\":16000},\"custom\":{\"big\": 1e999}}")
                .build();
        RtmFileInfo info = wellFormed.fileInfo().orElseThrow();
        assertThat(wellFormed.fileInfo()).containsSame(info);
        assertThat(info.attributes()).containsEntry("duration", 2.5).containsEntry("srate", 16000L);
        assertThat(info.customAttrs()).isEqualTo("{\"big\": 1e999}"); // as sent, never "Infinity"
    }

    @Test
    void onlyFileMessagesHaveFileInfo() {
        RtmMessage chat = RtmMessage.builder(MessageSource.P2P).toId(1).messageType(30)
                .text("{\"url\":\"https://files.example/a\"}").build();
        assertThat(chat.fileInfo()).isEmpty();
    }

    @Test
    void customAttributesGivenAsStringStayAString() {
        RtmFileInfo info = RtmFileInfo.parse("{\"url\":\"u\",\"size\":1}", "{\"custom\":\"plain\"}");
        assertThat(info.customAttrs()).isEqualTo("plain");
        assertThat(info.thumbnailUrl()).isEmpty();
        assertThat(info.attributes()).isEmpty();
    }

    @Test
    void malformedFileJsonKeepsTheMessageWithoutFileInfo() {
        RtmMessage message = decode(MessageSource.P2P,
                message("to", 5, 50, "{\"url\": broken", "{also broken").build());

        assertThat(message.pushType()).isEqualTo(RtmPushType.P2P_FILE);
        assertThat(message.fileInfo()).isEmpty();
        assertThat(message.text()).isEqualTo("{\"url\": broken");
        assertThat(message.attrs()).isEqualTo("{also broken");
    }

    @Test
    void missingRequiredFieldIsKeyNotFound() {
        Payload payload = Payload.builder().put("from", 1L).put("mid", 2L).put("mtype", 30).put("msg", "x").build();
        assertThatThrownBy(() -> decode(MessageSource.GROUP, payload))
                .isInstanceOfSatisfying(FpnnException.class,
                        e -> assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND))
                .hasMessageContaining("gid");
    }

    @Test
    void wrongTypedFieldIsTypeConvert() {
        Payload payload = message("to", 5, 30, "x", "").put("from", "seven").build();
        assertThatThrownBy(() -> decode(MessageSource.P2P, payload))
                .isInstanceOfSatisfying(FpnnException.class,
                        e -> assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT))
                .hasMessageContaining("from");
    }

    @Test
    void idBeyondSignedRangeIsTypeConvert() {
        Payload payload = message("to", 5, 30, "x", "").put("mid", new BigInteger("18446744073709551615")).build();
        assertThatThrownBy(() -> decode(MessageSource.P2P, payload))
                .isInstanceOfSatisfying(FpnnException.class,
                        e -> assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT));
    }

    @Test
    void messageTypeOutsideRangeIsRejected() {
        assertThatThrownBy(() -> decode(MessageSource.P2P, message("to", 5, 300, "x", "").build()))
                .isInstanceOfSatisfying(FpnnException.class,
                        e -> assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT));
    }

    @Test
    void optionalFieldsTakeDefaults() {
        Payload payload = Payload.builder().put("from", 1L).put("to", 2L).put("mid", 3L).put("mtype", 1).build();
        RtmMessage message = decode(MessageSource.P2P, payload);
        assertThat(message.text()).isEmpty();
        assertThat(message.attrs()).isEmpty();
        assertThat(message.modifiedTime()).isZero();
    }

    @Test
    void readsEvents() {
        Payload payload = Payload.builder().put("pid", 11000001L).put("event", "login").put("uid", 3001L)
                .put("time", 1_700_000_000L).put("endpoint", "10.0.0.1:5000").build();
        RtmEvent event = PushDecoder.event(payload);
        assertThat(event).isEqualTo(new RtmEvent(11000001L, "login", 3001L, 1_700_000_000L, "10.0.0.1:5000", ""));
    }

    @Test
    void nilFieldsCountAsAbsent() {
        Payload nilMsg = message("to", 5, 30, null, "").put("attrs", null).put("mtime", null).build();
        RtmMessage message = decode(MessageSource.P2P, nilMsg);
        assertThat(message.text()).isEmpty();
        assertThat(message.attrs()).isEmpty();
        assertThat(message.modifiedTime()).isZero();

        Payload nilMid = message("to", 5, 30, "x", "").put("mid", null).build();
        assertThatThrownBy(() -> decode(MessageSource.P2P, nilMid))
                .isInstanceOfSatisfying(FpnnException.class,
                        e -> assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND))
                .hasMessageContaining("mid");
    }

    @Test
    void unknownFieldsAndOtherSourcesTargetsAreSkipped() {
        Payload payload = message("gid", 1001, 51, "hi", "").put("to", "not a number").put("extra", java.util.List.of(
                java.util.Map.of("deep", new byte[] {1, 2}), 3.5, true)).build();
        RtmMessage message = decode(MessageSource.GROUP, payload);
        assertThat(message.toId()).isEqualTo(1001);
        assertThat(message.text()).isEqualTo("hi");
    }

    @Test
    void msgOfAnotherTypeIsTypeConvert() {
        assertThatThrownBy(() -> decode(MessageSource.P2P, message("to", 5, 30, 42L, "").build()))
                .isInstanceOfSatisfying(FpnnException.class,
                        e -> assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT))
                .hasMessageContaining("msg");
    }
}
