package io.rtm.spring.boot.autoconfigure.relay;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.rtm.client.MessageSource;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The relay's record encoding, version 1: it writes the bytes the protocol document lays out, what it writes
 * reads back equal, and anything else is refused.
 */
class RtmRelayCodecTests {

    private static final RtmMessage CHAT = RtmMessage.builder(MessageSource.GROUP)
        .fromUid(42)
        .toId(1001)
        .messageId(7_000_000_001L)
        .messageType(30)
        .text("héllo, 世界")
        .attrs("{\"k\":1}")
        .modifiedTime(1_700_000_000_123L)
        .build();

    @Test
    void messagesAndEventsReadBackEqual() {
        RtmMessage binary = RtmMessage.builder(MessageSource.P2P)
            .fromUid(1)
            .toId(2)
            .messageId(3)
            .messageType(66)
            .binary(new byte[] { 0, -1, 127 })
            .build();
        RtmEvent login = new RtmEvent(11000001, RtmEvent.LOGIN, 42, 1_700_000_000, "10.0.0.1:5000", "");
        assertThat(RtmRelayCodec.decode(RtmRelayCodec.encode(CHAT))).isEqualTo(CHAT)
            .satisfies((read) -> assertThat(((RtmMessage) read).pushType()).isEqualTo(RtmPushType.GROUP_CHAT));
        assertThat(RtmRelayCodec.decode(RtmRelayCodec.encode(binary))).isEqualTo(binary)
            .satisfies((read) -> assertThat(((RtmMessage) read).binary()).containsExactly(0, -1, 127));
        assertThat(RtmRelayCodec.decode(RtmRelayCodec.encode(login))).isEqualTo(login);
    }

    /** The bytes of {@code docs/rtm-protocol.md}, section 10, written out field by field. */
    @Test
    void aGroupMessageIsWrittenAsDocumented() {
        ByteBuffer expected = ByteBuffer.allocate(1 + 1 + 8 + 8 + 8 + 4 + 8 + 1 + (4 + 14) + (4 + 7))
            .order(ByteOrder.BIG_ENDIAN)
            .put((byte) 1) // version
            .put((byte) 2) // kind: group message
            .putLong(42) // from
            .putLong(1001) // to
            .putLong(7_000_000_001L) // mid
            .putInt(30) // mtype
            .putLong(1_700_000_000_123L) // mtime
            .put((byte) 0) // binary: no, text
            .putInt(14) // content: its length in UTF-8 (10 characters), then its bytes
            .put("héllo, 世界".getBytes(StandardCharsets.UTF_8))
            .putInt(7) // attrs: a string
            .put("{\"k\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(expected.hasRemaining()).as("every byte written").isFalse();
        assertThat(RtmRelayCodec.encode(CHAT)).isEqualTo(expected.array());
    }

    @Test
    void aBinaryP2pMessageIsWrittenAsDocumented() {
        RtmMessage binary = RtmMessage.builder(MessageSource.P2P)
            .fromUid(5)
            .toId(6)
            .messageId(7)
            .messageType(66)
            .binary(new byte[] { 0, -1, 127 })
            .modifiedTime(8)
            .build();
        ByteBuffer expected = ByteBuffer.allocate(1 + 1 + 8 + 8 + 8 + 4 + 8 + 1 + (4 + 3) + 4)
            .order(ByteOrder.BIG_ENDIAN)
            .put((byte) 1) // version
            .put((byte) 1) // kind: P2P message
            .putLong(5) // from
            .putLong(6) // to
            .putLong(7) // mid
            .putInt(66) // mtype
            .putLong(8) // mtime
            .put((byte) 1) // binary: yes, bytes
            .putInt(3) // content: length and bytes
            .put(new byte[] { 0, -1, 127 })
            .putInt(0); // attrs: empty
        assertThat(expected.hasRemaining()).as("every byte written").isFalse();
        assertThat(RtmRelayCodec.encode(binary)).isEqualTo(expected.array());
    }

    @Test
    void anEventIsWrittenAsDocumented() {
        RtmEvent login = new RtmEvent(11000001, RtmEvent.LOGIN, 42, 1_700_000_000, "10.0.0.1:5000", "d");
        ByteBuffer expected = ByteBuffer.allocate(1 + 1 + 8 + 8 + 8 + (4 + 5) + (4 + 13) + (4 + 1))
            .order(ByteOrder.BIG_ENDIAN)
            .put((byte) 1) // version
            .put((byte) 4) // kind: event
            .putLong(11000001) // pid
            .putLong(42) // uid
            .putLong(1_700_000_000) // time
            .putInt(5) // event
            .put("login".getBytes(StandardCharsets.UTF_8))
            .putInt(13) // endpoint
            .put("10.0.0.1:5000".getBytes(StandardCharsets.UTF_8))
            .putInt(1) // data
            .put("d".getBytes(StandardCharsets.UTF_8));
        assertThat(expected.hasRemaining()).as("every byte written").isFalse();
        assertThat(RtmRelayCodec.encode(login)).isEqualTo(expected.array());
        assertThat(RtmRelayCodec.key(login)).as("the key: kind 4, the uid")
            .isEqualTo(ByteBuffer.allocate(9).order(ByteOrder.BIG_ENDIAN).put((byte) 4).putLong(42).array());
    }

    @Test
    void theKeyIsTheConversation() {
        RtmMessage sameGroupOtherSender = RtmMessage.builder(MessageSource.GROUP)
            .fromUid(43)
            .toId(1001)
            .messageId(1)
            .messageType(51)
            .text("x")
            .build();
        RtmMessage sameIdAsRoom = RtmMessage.builder(MessageSource.ROOM)
            .fromUid(42)
            .toId(1001)
            .messageId(1)
            .messageType(51)
            .text("x")
            .build();
        assertThat(RtmRelayCodec.key(sameGroupOtherSender)).isEqualTo(RtmRelayCodec.key(CHAT));
        assertThat(RtmRelayCodec.key(sameIdAsRoom)).isNotEqualTo(RtmRelayCodec.key(CHAT));
        assertThat(RtmRelayCodec.key(CHAT)).isEqualTo(ByteBuffer.allocate(9).put((byte) 2).putLong(1001).array());
    }

    @Test
    void bytesAfterTheBodyAreIgnored() {
        byte[] longer = Arrays.copyOf(RtmRelayCodec.encode(CHAT), RtmRelayCodec.encode(CHAT).length + 5);
        assertThat(RtmRelayCodec.decode(longer)).isEqualTo(CHAT);
    }

    @Test
    void otherVersionsKindsAndCutValuesAreRefused() {
        byte[] value = RtmRelayCodec.encode(CHAT);
        byte[] version2 = value.clone();
        version2[0] = 2;
        byte[] kind9 = value.clone();
        kind9[1] = 9;
        assertThatExceptionOfType(RtmRelayFormatException.class).isThrownBy(() -> RtmRelayCodec.decode(version2))
            .withMessageContaining("version 2");
        assertThatExceptionOfType(RtmRelayFormatException.class).isThrownBy(() -> RtmRelayCodec.decode(kind9))
            .withMessageContaining("kind 9");
        for (int length = 0; length < value.length; length++) {
            byte[] cut = Arrays.copyOf(value, length);
            assertThatExceptionOfType(RtmRelayFormatException.class).as("cut to %d bytes", length)
                .isThrownBy(() -> RtmRelayCodec.decode(cut));
        }
        byte[] hugeLength = value.clone();
        ByteBuffer.wrap(hugeLength).putInt(2 + 8 + 8 + 8 + 4 + 8 + 1, Integer.MAX_VALUE);
        assertThatExceptionOfType(RtmRelayFormatException.class).isThrownBy(() -> RtmRelayCodec.decode(hugeLength))
            .withMessageContaining("content");
    }
}
