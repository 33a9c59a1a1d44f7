package io.rtm.fpnn.crypto;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.jspecify.annotations.Nullable;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One of the four curves FPNN encrypted connections use (protocol section 9),
 * with the ECDH operations on it, through BouncyCastle's lightweight API (no
 * JCE provider is registered). Public points travel as raw X‖Y, each
 * coordinate padded to the field size; the shared secret is the X coordinate
 * of the ECDH point, padded the same way. Immutable, and any thread may use it.
 */
public final class EcCurve {

    /** The supported curve names, in their SEC 2 spelling. */
    static final List<String> NAMES = List.of("secp256k1", "secp256r1", "secp224r1", "secp192r1");

    private static final Map<String, String> ALIASES = Map.of(
            "prime256v1", "secp256r1", "p-256", "secp256r1", "p256", "secp256r1",
            "p-224", "secp224r1", "p224", "secp224r1",
            "prime192v1", "secp192r1", "p-192", "secp192r1", "p192", "secp192r1");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String name;
    private final ASN1ObjectIdentifier oid;
    private final ECDomainParameters domain;
    private final int fieldSize;

    private EcCurve(String name) {
        this.name = name;
        this.oid = CustomNamedCurves.getOID(name);
        X9ECParameters params = CustomNamedCurves.getByName(name);
        this.domain = new ECDomainParameters(params);
        this.fieldSize = (params.getCurve().getFieldSize() + 7) / 8;
    }

    /**
     * The curve of that name: {@code secp256k1}, {@code secp256r1} (also
     * {@code prime256v1}, {@code P-256}), {@code secp224r1} ({@code P-224}) or
     * {@code secp192r1} ({@code prime192v1}, {@code P-192}); case does not matter.
     *
     * @param name the curve's name
     * @return the curve, one instance per curve
     * @throws IllegalArgumentException for any other name
     */
    public static EcCurve named(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a curve name is required, one of " + NAMES);
        }
        String lower = name.trim().toLowerCase(Locale.ROOT);
        String canonical = ALIASES.getOrDefault(lower, lower);
        if (!NAMES.contains(canonical)) {
            throw new IllegalArgumentException("unsupported curve '" + name + "': use one of " + NAMES);
        }
        return Holder.CURVES.get(canonical);
    }

    /** The curve with that ASN.1 object identifier, or {@code null} when it is not one of the four. */
    static @Nullable EcCurve byOid(ASN1ObjectIdentifier oid) {
        for (EcCurve curve : Holder.CURVES.values()) {
            if (curve.oid.equals(oid)) {
                return curve;
            }
        }
        return null;
    }

    /** The SEC 2 name, such as {@code secp256k1}. */
    public String name() {
        return name;
    }

    ASN1ObjectIdentifier oid() {
        return oid;
    }

    /** Bytes of one coordinate, and of the shared secret: 32, 28 or 24. */
    public int fieldSize() {
        return fieldSize;
    }

    /** A new random private key (a scalar in [1, n-1]), from a {@link SecureRandom}. */
    public BigInteger generatePrivateKey() {
        BigInteger n = domain.getN();
        BigInteger d;
        do {
            d = BigIntegers.createRandomBigInteger(n.bitLength(), RANDOM);
        } while (d.signum() == 0 || d.compareTo(n) >= 0);
        return d;
    }

    /**
     * The public point of a private key.
     *
     * @param privateKey a private key of this curve
     * @return the point as raw X‖Y
     * @throws IllegalArgumentException when it is not in [1, n-1]
     */
    public byte[] publicPoint(BigInteger privateKey) {
        checkPrivateKey(privateKey);
        return encode(domain.getG().multiply(privateKey).normalize());
    }

    /**
     * The ECDH shared secret between a private key and a peer's public point:
     * the X coordinate, big-endian, padded to the field size.
     *
     * @param privateKey this side's private key
     * @param peerPoint  the peer's public point, raw X‖Y or with the {@code 0x04} prefix
     * @return the secret, {@link #fieldSize()} bytes
     * @throws IllegalArgumentException when the private key is not in [1, n-1], or the point is not
     *         a valid point of this curve
     */
    public byte[] sharedSecret(BigInteger privateKey, byte[] peerPoint) {
        checkPrivateKey(privateKey);
        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(new ECPrivateKeyParameters(privateKey, domain));
        BigInteger x = agreement.calculateAgreement(new ECPublicKeyParameters(decode(peerPoint), domain));
        return BigIntegers.asUnsignedByteArray(fieldSize, x);
    }

    /**
     * Checks and decodes a public point given as raw X‖Y ({@code 2 × fieldSize}
     * bytes), or in the uncompressed SEC 1 form with its leading {@code 0x04}.
     *
     * @throws IllegalArgumentException when it has the wrong length or is not on the curve
     */
    ECPoint decode(byte[] point) {
        if (point == null) {
            throw new IllegalArgumentException("no public point");
        }
        byte[] uncompressed;
        if (point.length == 2 * fieldSize) {
            uncompressed = new byte[1 + point.length];
            uncompressed[0] = 0x04;
            System.arraycopy(point, 0, uncompressed, 1, point.length);
        } else if (point.length == 2 * fieldSize + 1 && point[0] == 0x04) {
            uncompressed = point;
        } else {
            throw new IllegalArgumentException("a public point on " + name + " is " + 2 * fieldSize
                    + " bytes of raw X||Y, not " + point.length + " bytes");
        }
        try {
            ECPoint decoded = domain.getCurve().decodePoint(uncompressed);
            return domain.validatePublicPoint(decoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the public point is not a valid point of " + name, e);
        }
    }

    /** Checks that the point is on this curve and returns it as raw X‖Y. */
    byte[] normalizePoint(byte[] point) {
        return encode(decode(point));
    }

    private byte[] encode(ECPoint point) {
        byte[] raw = new byte[2 * fieldSize];
        byte[] x = BigIntegers.asUnsignedByteArray(fieldSize, point.getAffineXCoord().toBigInteger());
        byte[] y = BigIntegers.asUnsignedByteArray(fieldSize, point.getAffineYCoord().toBigInteger());
        System.arraycopy(x, 0, raw, 0, fieldSize);
        System.arraycopy(y, 0, raw, fieldSize, fieldSize);
        return raw;
    }

    private void checkPrivateKey(BigInteger privateKey) {
        if (privateKey == null || privateKey.signum() <= 0 || privateKey.compareTo(domain.getN()) >= 0) {
            throw new IllegalArgumentException("not a private key of " + name);
        }
    }

    @Override
    public String toString() {
        return name;
    }

    private static final class Holder {
        static final Map<String, EcCurve> CURVES = Map.of(
                "secp256k1", new EcCurve("secp256k1"),
                "secp256r1", new EcCurve("secp256r1"),
                "secp224r1", new EcCurve("secp224r1"),
                "secp192r1", new EcCurve("secp192r1"));
    }
}
