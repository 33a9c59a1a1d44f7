package io.rtm.fpnn.crypto;

import io.rtm.fpnn.Payload;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * The client's side of the {@code *key} handshake (protocol section 9) for one
 * connection: a fresh ephemeral key pair on the gateway's curve, the shared
 * secret with the gateway's public key, the derived AES key and IV, and the
 * {@code *key} quest's payload. Make a new one for every connection.
 */
public final class FpnnKeyExchange {

    /** The method of the handshake quest. */
    public static final String KEY_METHOD = "*key";

    private final byte[] publicPoint;
    private final boolean streamMode;
    private final int bits;
    private final FpnnCipherKeys keys;

    private FpnnKeyExchange(byte[] publicPoint, boolean streamMode, int bits, FpnnCipherKeys keys) {
        this.publicPoint = publicPoint;
        this.streamMode = streamMode;
        this.bits = bits;
        this.keys = keys;
    }

    /**
     * A new exchange with the gateway's key: a fresh key pair and the keys derived from it.
     *
     * @param gatewayKey the gateway's public key, which names the curve
     * @param streamMode whether to ask for stream mode rather than package mode
     * @param bits       the AES key size, 128 or 256
     * @return the exchange
     * @throws IllegalArgumentException when {@code bits} is neither 128 nor 256
     */
    public static FpnnKeyExchange start(EcPublicKey gatewayKey, boolean streamMode, int bits) {
        EcCurve curve = gatewayKey.curve();
        BigInteger ephemeral = curve.generatePrivateKey();
        byte[] secret = curve.sharedSecret(ephemeral, gatewayKey.rawPoint());
        FpnnCipherKeys keys = FpnnCipherKeys.derive(secret, bits);
        Arrays.fill(secret, (byte) 0);
        return new FpnnKeyExchange(curve.publicPoint(ephemeral), streamMode, bits, keys);
    }

    /** The payload of the {@code *key} quest: {@code publicKey}, {@code streamMode}, {@code bits}. */
    public Payload questPayload() {
        return Payload.builder()
                .put("publicKey", publicPoint.clone())
                .put("streamMode", streamMode)
                .put("bits", bits)
                .build();
    }

    boolean streamMode() {
        return streamMode;
    }

    FpnnCipherKeys keys() {
        return keys;
    }

    @Override
    public String toString() {
        return "FpnnKeyExchange{" + (streamMode ? "stream" : "package") + ", AES-" + bits + "}";
    }
}
