package io.rtm.fpnn.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.jspecify.annotations.Nullable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A public EC key on one of the {@link EcCurve}s: read from PEM or DER
 * ({@code SubjectPublicKeyInfo} with a named curve, which names the curve) or
 * from raw X‖Y with the curve named. Immutable; {@link #toString()} shows the
 * curve only.
 */
public final class EcPublicKey {

    private final EcCurve curve;
    private final byte[] point;

    private EcPublicKey(EcCurve curve, byte[] point) {
        this.curve = curve;
        this.point = point;
    }

    /**
     * A key given as raw X‖Y (or with the {@code 0x04} prefix) on the named curve.
     *
     * @param curve a name {@link EcCurve#named} knows
     * @param point the public point
     * @return the key
     * @throws IllegalArgumentException when the curve is unknown or the point is not on it
     */
    public static EcPublicKey fromRawPoint(String curve, byte[] point) {
        EcCurve ecCurve = EcCurve.named(curve);
        return new EcPublicKey(ecCurve, ecCurve.normalizePoint(point));
    }

    /**
     * A key in DER ({@code SubjectPublicKeyInfo}); the curve is the one it names.
     *
     * @param der the encoded key
     * @return the key
     * @throws IllegalArgumentException when it is not an EC public key on one of the four curves
     */
    public static EcPublicKey fromDer(byte[] der) {
        Objects.requireNonNull(der, "der");
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a DER-encoded public key (SubjectPublicKeyInfo)", e);
        }
        if (info == null) {
            throw new IllegalArgumentException("not a DER-encoded public key (SubjectPublicKeyInfo)");
        }
        AlgorithmIdentifier algorithm = info.getAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw new IllegalArgumentException("not an EC public key (algorithm " + algorithm.getAlgorithm() + ")");
        }
        if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier oid)) {
            throw new IllegalArgumentException("the EC public key must name its curve (explicit parameters are not"
                    + " supported)");
        }
        EcCurve curve = EcCurve.byOid(oid);
        if (curve == null) {
            throw new IllegalArgumentException("the public key is on curve " + oid + ", not one of " + EcCurve.NAMES);
        }
        return new EcPublicKey(curve, curve.normalizePoint(info.getPublicKeyData().getBytes()));
    }

    /**
     * A key in PEM ({@code -----BEGIN PUBLIC KEY-----}, base64 of the DER form).
     *
     * @param pem the PEM text
     * @return the key
     * @throws IllegalArgumentException when it is not such a key, or is a private key
     */
    public static EcPublicKey fromPem(String pem) {
        Objects.requireNonNull(pem, "pem");
        int begin = pem.indexOf("-----BEGIN ");
        if (begin < 0) {
            throw new IllegalArgumentException("not a PEM public key: no '-----BEGIN' line");
        }
        int bodyStart = pem.indexOf('\n', begin);
        int end = pem.indexOf("-----END ", begin);
        if (bodyStart < 0 || end < bodyStart) {
            throw new IllegalArgumentException("not a PEM public key: no '-----END' line");
        }
        String header = pem.substring(begin, bodyStart).trim();
        if (header.contains("PRIVATE")) {
            throw new IllegalArgumentException("this is a private key: the client needs the gateway's public key");
        }
        String body = pem.substring(bodyStart, end).replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PEM public key: the body is not base64", e);
        }
        return fromDer(der);
    }

    /**
     * A key in PEM, as {@link #fromPem(String)}, given as the bytes of the text.
     *
     * @param pem the PEM text in US-ASCII or UTF-8
     * @return the key
     * @throws IllegalArgumentException when it is not such a key, or is a private key
     */
    public static EcPublicKey fromPem(byte[] pem) {
        return fromPem(new String(Objects.requireNonNull(pem, "pem"), StandardCharsets.UTF_8));
    }

    /**
     * Whether these bytes look like PEM text rather than DER or a raw point.
     *
     * @param key a key in any of the three forms
     * @return whether its first 200 bytes hold a {@code -----BEGIN} line
     */
    public static boolean looksLikePem(byte[] key) {
        return new String(key, 0, Math.min(key.length, 200), StandardCharsets.ISO_8859_1).contains("-----BEGIN");
    }

    /** The curve the key is on. */
    public EcCurve curve() {
        return curve;
    }

    /** The point as raw X‖Y (a copy). */
    public byte[] rawPoint() {
        return point.clone();
    }

    /** The DER form ({@code SubjectPublicKeyInfo}, named curve, uncompressed point). */
    public byte[] toDer() {
        byte[] uncompressed = new byte[point.length + 1];
        uncompressed[0] = 0x04;
        System.arraycopy(point, 0, uncompressed, 1, point.length);
        try {
            return new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve.oid()),
                    uncompressed).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a public key", e);
        }
    }

    /** The PEM form. */
    public String toPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(toDer())
                + "\n-----END PUBLIC KEY-----\n";
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof EcPublicKey key && key.curve == curve && Arrays.equals(key.point, point);
    }

    @Override
    public int hashCode() {
        return 31 * curve.hashCode() + Arrays.hashCode(point);
    }

    @Override
    public String toString() {
        return "EcPublicKey{" + curve.name() + "}";
    }
}
