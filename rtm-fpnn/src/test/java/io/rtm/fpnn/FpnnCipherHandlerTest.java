package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import io.rtm.fpnn.crypto.EcCurve;
import io.rtm.fpnn.crypto.EcPublicKey;
import io.rtm.fpnn.crypto.FpnnCipherHandler;
import io.rtm.fpnn.crypto.FpnnCipherKeys;
import io.rtm.fpnn.crypto.FpnnKeyExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static io.rtm.fpnn.PipelineRun.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(NoLeaks.class)
class FpnnCipherHandlerTest {

    private static final int MAX_PAYLOAD = 4096;

    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final FpnnCipherKeys keys = keys(0x11, 128);

    @AfterEach
    void everythingReleased() {
        for (EmbeddedChannel channel : channels) {
            channel.finishAndReleaseAll();
        }
    }

    // ---- round trips ----------------------------------------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void framesRoundTripInBothDirections(boolean streamMode) {
        EmbeddedChannel a = framed(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        EmbeddedChannel b = framed(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        for (int i = 1; i <= 3; i++) {
            FpnnFrame sent = FpnnFrame.twoWay(i, "pushmsg", Payload.builder().put("mid", (long) i).put("msg", "x".repeat(i * 37)).build());
            FpnnFrame received = transfer(a, b, sent);
            assertThat(received.seq()).isEqualTo(i);
            assertThat(received.payload().getString("msg")).hasSize(i * 37);
            FpnnFrame answer = transfer(b, a, FpnnFrame.answer(i, Payload.EMPTY));
            assertThat(answer.isAnswer()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void inputFedByteByByteDecodes(boolean streamMode) {
        EmbeddedChannel a = framed(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        EmbeddedChannel b = framed(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        byte[] wire = new byte[0];
        for (int i = 1; i <= 2; i++) {
            assertThat(a.writeOutbound(FpnnFrame.twoWay(i, "pushmsg", Payload.builder().put("mid", (long) i).build())))
                    .isTrue();
            wire = concat(wire, drain(a));
        }
        for (byte octet : wire) {
            b.writeInbound(Unpooled.wrappedBuffer(new byte[] {octet}));
        }
        FpnnFrame first = b.readInbound();
        FpnnFrame second = b.readInbound();
        assertThat(first.seq()).isEqualTo(1);
        assertThat(second.seq()).isEqualTo(2);
    }

    @Test
    void packagesAreALittleEndianLengthAndAesCfbFromTheIvEachTime() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(FpnnCipherHandler.forGateway(keys, false, MAX_PAYLOAD));
        channels.add(channel);
        byte[] plain = frameBytes(FpnnFrame.answer(9, Payload.builder().put("ts", 1L).build()));
        Cipher jdk = jdkCipher(Cipher.ENCRYPT_MODE, 0x11, 128);
        byte[] expected = jdk.doFinal(plain);
        for (int i = 0; i < 2; i++) {
            channel.writeOutbound(Unpooled.wrappedBuffer(plain));
            byte[] wire = drain(channel);
            assertThat(wire).hasSize(4 + plain.length);
            assertThat(Unpooled.wrappedBuffer(wire).getIntLE(0)).isEqualTo(plain.length);
            assertThat(Arrays.copyOfRange(wire, 4, wire.length)).isEqualTo(expected);
        }
    }

    @Test
    void aBufferOfSeveralFramesIsOnePackagePerFrame() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(FpnnCipherHandler.forGateway(keys, false, MAX_PAYLOAD));
        channels.add(channel);
        byte[] answer = frameBytes(FpnnFrame.answer(1, Payload.EMPTY));
        byte[] quest = frameBytes(FpnnFrame.twoWay(2, "pushmsg", Payload.builder().put("mid", 2L).build()));
        byte[] oneWay = frameBytes(FpnnFrame.oneWay("notify", Payload.builder().put("x", "y".repeat(300)).build()));

        channel.writeOutbound(Unpooled.wrappedBuffer(concat(concat(answer, quest), oneWay)));

        assertThat(packages(drain(channel))).containsExactly(hex(answer), hex(quest), hex(oneWay));
    }

    @Test
    void aBufferThatIsNotWholeFramesFailsItsWriteAndSendsNothing() {
        EmbeddedChannel channel = new EmbeddedChannel(FpnnCipherHandler.forGateway(keys, false, MAX_PAYLOAD));
        channels.add(channel);
        byte[] frame = frameBytes(FpnnFrame.twoWay(1, "pushmsg", Payload.builder().put("mid", 1L).build()));
        for (byte[] bytes : List.of(concat(frame, Arrays.copyOf(frame, 20)), Arrays.copyOf(frame, 11),
                "not a frame at all".getBytes(StandardCharsets.US_ASCII))) {
            ByteBuf buf = Unpooled.wrappedBuffer(bytes);
            ChannelFuture write = channel.writeAndFlush(buf);
            assertThat(write.cause()).isInstanceOf(EncoderException.class)
                    .hasMessageContaining("does not hold whole FPNN frames");
            assertThat(buf.refCnt()).isZero();
            assertThat((Object) channel.readOutbound()).isNull();
        }
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void theStreamIsOneContinuousAesCfbStream() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel(FpnnCipherHandler.forGateway(keys(0x22, 256), true, MAX_PAYLOAD));
        channels.add(channel);
        byte[] one = frameBytes(FpnnFrame.answer(1, Payload.EMPTY));
        byte[] two = frameBytes(FpnnFrame.answer(2, Payload.builder().put("mtime", 5L).build()));
        channel.writeOutbound(Unpooled.wrappedBuffer(one));
        channel.writeOutbound(Unpooled.wrappedBuffer(two));
        Cipher jdk = jdkCipher(Cipher.ENCRYPT_MODE, 0x22, 256);
        assertThat(drain(channel)).isEqualTo(jdk.doFinal(concat(one, two)));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void theAnswersToTheQuestsOfOneReadAreOneWriteOfOnePackageEach(boolean streamMode) throws Exception {
        EmbeddedChannel gateway = new EmbeddedChannel(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        channels.add(gateway);
        FpnnPipeline.install(gateway.pipeline(), MAX_PAYLOAD, new FpnnConnection(
                quest -> Payload.builder().put("n", quest.payload().getLong("n")).build(), Duration.ofSeconds(5)));
        EmbeddedChannel peer = framed(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        List<String> expected = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            peer.writeOutbound(FpnnFrame.twoWay(n, "q", Payload.builder().put("n", n).build()));
            expected.add(hex(frameBytes(FpnnFrame.answer(n, Payload.builder().put("n", n).build()))));
        }

        gateway.writeInbound(Unpooled.wrappedBuffer(drain(peer))); // one read brings the three quests

        ByteBuf written = gateway.readOutbound();
        assertThat((Object) gateway.readOutbound()).as("one write for the three answers").isNull();
        byte[] wire = ByteBufUtil.getBytes(written);
        written.release();
        if (!streamMode) {
            assertThat(packages(wire)).containsExactlyElementsOf(expected);
        }
        peer.writeInbound(Unpooled.wrappedBuffer(wire));
        for (int n = 1; n <= 3; n++) {
            FpnnFrame answer = peer.readInbound();
            assertThat(answer.seq()).isEqualTo(n);
            assertThat(answer.payload().getLong("n")).isEqualTo(n);
        }
    }

    // ---- the client's first write ---------------------------------------------

    @Test
    void theClientSendsStarKeyInPlainAndEverythingAfterItEnciphered() {
        EcCurve curve = EcCurve.named("secp256k1");
        FpnnKeyExchange exchange = FpnnKeyExchange.start(
                EcPublicKey.fromRawPoint("secp256k1", curve.publicPoint(BigInteger.TEN)), false, 128);
        EmbeddedChannel client = framed(FpnnCipherHandler.forClient(exchange, MAX_PAYLOAD));
        client.writeOutbound(Unpooled.EMPTY_BUFFER); // an empty write is not the first frame
        client.writeOutbound(FpnnFrame.twoWay(1, FpnnKeyExchange.KEY_METHOD, exchange.questPayload()));
        byte[] keyQuest = drain(client);
        assertThat(Unpooled.wrappedBuffer(keyQuest).getInt(0)).isEqualTo(0x46504e4e);

        // the gateway's side of the exchange: its private key and the client's public point
        FpnnCipherKeys gatewayKeys = FpnnCipherKeys.derive(
                curve.sharedSecret(BigInteger.TEN, exchange.questPayload().getBytes("publicKey")), 128);
        EmbeddedChannel gateway = framed(FpnnCipherHandler.forGateway(gatewayKeys, false, MAX_PAYLOAD));
        FpnnFrame answer = transfer(gateway, client, FpnnFrame.answer(1, Payload.EMPTY));
        assertThat(answer.seq()).isEqualTo(1);
        FpnnFrame next = transfer(client, gateway, FpnnFrame.twoWay(2, "setlisten", Payload.EMPTY));
        assertThat(next.method()).isEqualTo("setlisten");
    }

    @Test
    void aFirstWriteOtherThanStarKeyFailsAndCloses() {
        EmbeddedChannel client = framed(FpnnCipherHandler.forClient(exchange(), MAX_PAYLOAD));
        ChannelFuture write = client.pipeline().writeAndFlush(FpnnFrame.twoWay(1, "setlisten", Payload.EMPTY));
        assertThat(write.cause()).hasMessageContaining("must be '*key'");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aPlainRefusalOfStarKeyReachesTheClientAsItIs() {
        FpnnKeyExchange exchange = exchange();
        EmbeddedChannel client = framed(FpnnCipherHandler.forClient(exchange, MAX_PAYLOAD));
        client.writeOutbound(FpnnFrame.twoWay(1, FpnnKeyExchange.KEY_METHOD, exchange.questPayload()));
        drain(client);
        client.writeInbound(Unpooled.wrappedBuffer(frameBytes(FpnnFrame.errorAnswer(1, 20004, "plain only"))));
        FpnnFrame answer = client.readInbound();
        assertThat(answer.isErrorAnswer()).isTrue();
        assertThat(client.pipeline().get(FpnnCipherHandler.class).peerAnsweredInPlain()).isTrue();
    }

    // ---- bad input ---------------------------------------------------------------

    @Test
    void anOversizedPackageLengthIsRefusedBeforeAllocating() {
        EmbeddedChannel channel = framed(FpnnCipherHandler.forGateway(keys, false, MAX_PAYLOAD));
        ByteBuf prefix = Unpooled.buffer(4).writeIntLE(MAX_PAYLOAD + 16 + 255 + 1);
        FpnnProtocolException error = catchThrowableOfType(FpnnProtocolException.class,
                () -> channel.writeInbound(prefix));
        assertThat(error).hasMessageContaining("outside 1.." + (MAX_PAYLOAD + 16 + 255));
        // the rest of the input is dropped, released
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[64]));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void theLargestFrameStillFits() {
        EmbeddedChannel a = framed(FpnnCipherHandler.forGateway(keys, false, MAX_PAYLOAD));
        EmbeddedChannel b = framed(FpnnCipherHandler.forGateway(keys, false, MAX_PAYLOAD));
        byte[] big = new byte[MAX_PAYLOAD - 16];
        FpnnFrame received = transfer(a, b, FpnnFrame.twoWay(1, "m".repeat(255), Payload.builder().put("b", big).build()));
        assertThat(received.payload().getBytes("b")).hasSize(big.length);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void garbageCiphertextIsRefusedClearly(boolean streamMode) {
        EmbeddedChannel channel = framed(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        byte[] garbage = new byte[100];
        ThreadLocalRandom.current().nextBytes(garbage);
        garbage[0] = 96; // a package of 96 bytes follows
        garbage[1] = 0;
        garbage[2] = 0;
        garbage[3] = 0;
        FpnnProtocolException error = catchThrowableOfType(FpnnProtocolException.class,
                () -> channel.writeInbound(Unpooled.wrappedBuffer(garbage)));
        assertThat(error).hasMessageContaining("cannot decrypt").hasMessageContaining("wrong public key or curve");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anotherKeyCannotDecrypt(boolean streamMode) {
        EmbeddedChannel a = framed(FpnnCipherHandler.forGateway(keys, streamMode, MAX_PAYLOAD));
        EmbeddedChannel b = framed(FpnnCipherHandler.forGateway(keys(0x33, 128), streamMode, MAX_PAYLOAD));
        a.writeOutbound(FpnnFrame.answer(1, Payload.EMPTY));
        byte[] wire = drain(a);
        FpnnProtocolException error = catchThrowableOfType(FpnnProtocolException.class,
                () -> b.writeInbound(Unpooled.wrappedBuffer(wire)));
        assertThat(error).hasMessageContaining("cannot decrypt");
    }

    // ---- helpers ---------------------------------------------------------------

    private EmbeddedChannel framed(FpnnCipherHandler cipher) {
        EmbeddedChannel channel = new EmbeddedChannel(cipher, new FpnnFrameDecoder(MAX_PAYLOAD), new FpnnFrameEncoder());
        channels.add(channel);
        return channel;
    }

    private static FpnnFrame transfer(EmbeddedChannel from, EmbeddedChannel to, FpnnFrame frame) {
        assertThat(from.writeOutbound(frame)).isTrue();
        byte[] wire = drain(from);
        assertThat(to.writeInbound(Unpooled.wrappedBuffer(wire))).isTrue();
        return to.readInbound();
    }

    private static byte[] drain(EmbeddedChannel channel) {
        byte[] all = new byte[0];
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            all = concat(all, ByteBufUtil.getBytes(buf));
            buf.release();
        }
        return all;
    }

    /** The plain text of each package on the wire, deciphered with the JDK's AES-CFB from the IV, in hex. */
    private List<String> packages(byte[] wire) throws Exception {
        List<String> plain = new ArrayList<>();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        while (in.isReadable()) {
            byte[] cipherText = new byte[in.readIntLE()];
            in.readBytes(cipherText);
            plain.add(hex(jdkCipher(Cipher.DECRYPT_MODE, 0x11, 128).doFinal(cipherText)));
        }
        return plain;
    }

    private static byte[] frameBytes(FpnnFrame frame) {
        ByteBuf buf = Unpooled.buffer();
        try {
            FpnnFrameEncoder.encode(frame, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] result = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }

    private static FpnnCipherKeys keys(int fill, int bits) {
        return FpnnCipherKeys.derive(secret(fill), bits);
    }

    /**
     * The JDK's AES-CFB with the key and IV that protocol section 9 derives
     * from {@link #secret}: the first 16 bytes or all 32 of it, and its MD5.
     */
    private static Cipher jdkCipher(int mode, int fill, int bits) throws GeneralSecurityException {
        byte[] secret = secret(fill);
        Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
        cipher.init(mode, new SecretKeySpec(Arrays.copyOf(secret, bits / 8), "AES"),
                new IvParameterSpec(MessageDigest.getInstance("MD5").digest(secret)));
        return cipher;
    }

    /** A 32-byte shared secret, every byte {@code fill}. */
    private static byte[] secret(int fill) {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) fill);
        return secret;
    }

    private static FpnnKeyExchange exchange() {
        EcCurve curve = EcCurve.named("secp192r1");
        return FpnnKeyExchange.start(EcPublicKey.fromRawPoint("secp192r1", curve.publicPoint(curve.generatePrivateKey())),
                true, 256);
    }
}
