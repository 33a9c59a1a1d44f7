package io.rtm.test;

import io.rtm.fpnn.crypto.EcCurve;
import io.rtm.fpnn.crypto.EcPublicKey;

import java.math.BigInteger;

/**
 * A gateway key pair for encrypted connections, made at test time so that no
 * key file is committed: the private key goes to
 * {@link RtmTestServer.Builder#encryptionKey(RtmTestKeys)}, the public key to
 * the client in any of its three forms.
 *
 * <pre>{@code
 * RtmTestKeys keys = RtmTestKeys.generate("secp256k1");
 * RtmTestServer server = RtmTestServer.builder().encryptionKey(keys).build().start();
 * RtmServerClient client = RtmServerClient.builder()...
 *         .encryption(RtmEncryption.fromPem(keys.publicKeyPem())).build();
 * }</pre>
 *
 * {@link #toString()} shows the curve only.
 */
public final class RtmTestKeys {

    private final EcCurve curve;
    private final BigInteger privateKey;
    private final EcPublicKey publicKey;

    private RtmTestKeys(EcCurve curve, BigInteger privateKey) {
        this.curve = curve;
        this.privateKey = privateKey;
        this.publicKey = EcPublicKey.fromRawPoint(curve.name(), curve.publicPoint(privateKey));
    }

    /**
     * A new random key pair.
     *
     * @param curve secp256k1, secp256r1 (prime256v1), secp224r1 or secp192r1
     */
    public static RtmTestKeys generate(String curve) {
        EcCurve ecCurve = EcCurve.named(curve);
        return new RtmTestKeys(ecCurve, ecCurve.generatePrivateKey());
    }

    /** The key pair of a known private key (a scalar below the curve's order). */
    public static RtmTestKeys of(String curve, BigInteger privateKey) {
        return new RtmTestKeys(EcCurve.named(curve), privateKey);
    }

    /** The curve's SEC 2 name. */
    public String curve() {
        return curve.name();
    }

    /** The private scalar, for the gateway. */
    public BigInteger privateKey() {
        return privateKey;
    }

    /** The public key in PEM ({@code -----BEGIN PUBLIC KEY-----}). */
    public String publicKeyPem() {
        return publicKey.toPem();
    }

    /** The public key in DER ({@code SubjectPublicKeyInfo}, named curve). */
    public byte[] publicKeyDer() {
        return publicKey.toDer();
    }

    /** The public key as raw X‖Y. */
    public byte[] publicKeyRaw() {
        return publicKey.rawPoint();
    }

    EcCurve ecCurve() {
        return curve;
    }

    @Override
    public String toString() {
        return "RtmTestKeys{" + curve.name() + "}";
    }
}
