package io.rtm.client;

import io.rtm.fpnn.crypto.EcCurve;
import io.rtm.fpnn.crypto.EcPublicKey;

import org.jspecify.annotations.Nullable;

import java.util.Objects;

/**
 * Encrypts the connection to the gateway (protocol section 9): an ECDH key
 * exchange with the gateway's public key in the {@code *key} quest, the first
 * quest of every connection, then AES-CFB in both directions.
 *
 * <pre>{@code
 * RtmEncryption encryption = RtmEncryption.fromPem(Files.readString(Path.of("gateway-public.pem")))
 *         .withMode(RtmEncryption.Mode.STREAM)
 *         .withKeySize(256);
 * RtmServerClient.builder()...encryption(encryption).build();
 * }</pre>
 *
 * The curve (secp256k1, secp256r1, secp224r1 or secp192r1) comes from a PEM or
 * DER key, or is named with a raw X‖Y key. Defaults: {@link Mode#PACKAGE},
 * 128-bit key, as the public SDKs. Immutable; {@link #toString()} shows no key
 * bytes.
 */
public final class RtmEncryption {

    /** How the connection is enciphered. */
    public enum Mode {
        /** Every frame enciphered on its own, behind a 4-byte length. */
        PACKAGE,
        /** Each direction one continuous cipher stream. */
        STREAM
    }

    private final EcPublicKey gatewayKey;
    private final Mode mode;
    private final int keySize;

    private RtmEncryption(EcPublicKey gatewayKey, Mode mode, int keySize) {
        this.gatewayKey = Objects.requireNonNull(gatewayKey, "gatewayKey");
        this.mode = Objects.requireNonNull(mode, "mode");
        if (keySize != 128 && keySize != 256) {
            throw new IllegalArgumentException("the encryption key size is 128 or 256 bits, not " + keySize);
        }
        this.keySize = keySize;
    }

    /**
     * The gateway's public key in PEM ({@code -----BEGIN PUBLIC KEY-----}).
     *
     * @throws IllegalArgumentException when it is not an EC public key on a supported curve
     */
    public static RtmEncryption fromPem(String pem) {
        return of(EcPublicKey.fromPem(pem));
    }

    /** The gateway's public key as the bytes of a PEM file. */
    public static RtmEncryption fromPem(byte[] pem) {
        return of(EcPublicKey.fromPem(pem));
    }

    /** The gateway's public key in DER ({@code SubjectPublicKeyInfo}, named curve). */
    public static RtmEncryption fromDer(byte[] der) {
        return of(EcPublicKey.fromDer(der));
    }

    /**
     * The gateway's public key as raw X‖Y (64 bytes on 256-bit curves, 56 on
     * secp224r1, 48 on secp192r1; a leading {@code 0x04} is accepted).
     *
     * @param curve secp256k1, secp256r1 (prime256v1), secp224r1 or secp192r1
     */
    public static RtmEncryption fromRawPoint(String curve, byte[] point) {
        return of(EcPublicKey.fromRawPoint(curve, point));
    }

    /**
     * The gateway's public key from the contents of a key file in any of the
     * three forms: PEM text, DER, or raw X‖Y. This is what the
     * {@code rtm.encryption.public-key} and {@code rtm.encryption.curve}
     * properties map to.
     *
     * @param curve required for a raw key; for PEM and DER it may be {@code null},
     *              and when given must match the curve the key names
     * @throws IllegalArgumentException when the key cannot be read or the curves differ
     */
    public static RtmEncryption fromKey(byte[] key, @Nullable String curve) {
        Objects.requireNonNull(key, "key");
        EcCurve named = curve == null || curve.isBlank() ? null : EcCurve.named(curve);
        EcPublicKey parsed;
        if (EcPublicKey.looksLikePem(key)) {
            parsed = EcPublicKey.fromPem(key);
        } else if (named != null && (key.length == 2 * named.fieldSize()
                || (key.length == 2 * named.fieldSize() + 1 && key[0] == 0x04))) {
            parsed = EcPublicKey.fromRawPoint(named.name(), key);
        } else if (key.length > 0 && key[0] == 0x30) {
            parsed = der(key, named); // a DER SEQUENCE, or a raw point whose X happens to start with 0x30
        } else if (named == null) {
            throw needsCurve("");
        } else {
            throw new IllegalArgumentException("the gateway public key is neither PEM, DER nor raw X||Y on "
                    + named.name() + " (" + 2 * named.fieldSize() + " bytes, not " + key.length + ")");
        }
        if (named != null && parsed.curve() != named) {
            throw new IllegalArgumentException("the gateway public key is on " + parsed.curve().name()
                    + ", but the configured curve is " + named.name());
        }
        return of(parsed);
    }

    private static EcPublicKey der(byte[] key, @Nullable EcCurve named) {
        try {
            return EcPublicKey.fromDer(key);
        } catch (IllegalArgumentException notDer) {
            throw named == null ? needsCurve(" (" + notDer.getMessage() + ")") : notDer;
        }
    }

    private static IllegalArgumentException needsCurve(String detail) {
        return new IllegalArgumentException("the gateway public key is neither PEM nor DER" + detail
                + "; a raw X||Y key needs its curve named");
    }

    private static RtmEncryption of(EcPublicKey key) {
        return new RtmEncryption(key, Mode.PACKAGE, 128);
    }

    /** The same key with another mode. */
    public RtmEncryption withMode(Mode mode) {
        return new RtmEncryption(gatewayKey, mode, keySize);
    }

    /** The same key with another key size: 128 or 256 bits. */
    public RtmEncryption withKeySize(int keySize) {
        return new RtmEncryption(gatewayKey, mode, keySize);
    }

    /** The curve's name, such as {@code secp256k1}. */
    public String curve() {
        return gatewayKey.curve().name();
    }

    /** The gateway's public key as raw X‖Y (a copy). */
    public byte[] gatewayPublicKey() {
        return gatewayKey.rawPoint();
    }

    EcPublicKey gatewayKey() {
        return gatewayKey;
    }

    /** How frames are enciphered. */
    public Mode mode() {
        return mode;
    }

    /** 128 or 256. */
    public int keySize() {
        return keySize;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof RtmEncryption that && that.gatewayKey.equals(gatewayKey) && that.mode == mode
                && that.keySize == keySize;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gatewayKey, mode, keySize);
    }

    @Override
    public String toString() {
        return "RtmEncryption{curve=" + curve() + ", mode=" + mode + ", keySize=" + keySize + "}";
    }
}
