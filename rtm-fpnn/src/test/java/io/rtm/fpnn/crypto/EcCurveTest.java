package io.rtm.fpnn.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.KeyAgreement;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EcCurveTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void secp256k1KnownPoints() {
        EcCurve curve = EcCurve.named("secp256k1");
        byte[] g = curve.publicPoint(BigInteger.ONE);
        assertThat(HEX.formatHex(g)).isEqualTo(
                "79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"
                        + "483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8");
        // the shared secret of d = 2 with G is the X coordinate of 2G
        assertThat(HEX.formatHex(curve.sharedSecret(BigInteger.TWO, g)))
                .isEqualTo("c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256k1", "secp256r1", "secp224r1", "secp192r1"})
    void bothSidesAgreeAndTheSecretHasTheFieldSize(String name) {
        EcCurve curve = EcCurve.named(name);
        BigInteger a = curve.generatePrivateKey();
        BigInteger b = curve.generatePrivateKey();
        byte[] ab = curve.sharedSecret(a, curve.publicPoint(b));
        byte[] ba = curve.sharedSecret(b, curve.publicPoint(a));
        assertThat(ab).isEqualTo(ba).hasSize(curve.fieldSize());
        assertThat(curve.publicPoint(a)).hasSize(2 * curve.fieldSize());
        assertThat(curve.fieldSize()).isEqualTo(switch (name) {
            case "secp224r1" -> 28;
            case "secp192r1" -> 24;
            default -> 32;
        });
    }

    @Test
    void secp256r1AgreesWithTheJdk() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair jdkPair = generator.generateKeyPair();
        EcPublicKey jdkPublic = EcPublicKey.fromDer(jdkPair.getPublic().getEncoded());
        assertThat(jdkPublic.curve().name()).isEqualTo("secp256r1");

        EcCurve curve = EcCurve.named("prime256v1");
        BigInteger ours = curve.generatePrivateKey();
        byte[] ourSecret = curve.sharedSecret(ours, jdkPublic.rawPoint());

        EcPublicKey ourPublic = EcPublicKey.fromRawPoint("secp256r1", curve.publicPoint(ours));
        ECPublicKey ourJdkPublic = (ECPublicKey) KeyFactory.getInstance("EC")
                .generatePublic(new X509EncodedKeySpec(ourPublic.toDer()));
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(jdkPair.getPrivate());
        agreement.doPhase(ourJdkPublic, true);
        assertThat(ourSecret).isEqualTo(agreement.generateSecret());
    }

    @Test
    void pointsOffTheCurveOrOfTheWrongSizeAreRefused() {
        EcCurve curve = EcCurve.named("secp256k1");
        byte[] point = curve.publicPoint(curve.generatePrivateKey());
        byte[] broken = point.clone();
        broken[63] ^= 1;
        assertThatThrownBy(() -> curve.normalizePoint(broken)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid point of secp256k1");
        assertThatThrownBy(() -> EcCurve.named("secp224r1").normalizePoint(point))
                .hasMessageContaining("56 bytes of raw X||Y, not 64");
        assertThat(curve.normalizePoint(prefixed(point))).isEqualTo(point);
        assertThatThrownBy(() -> EcCurve.named("secp384r1")).hasMessageContaining("unsupported curve");
    }

    @ParameterizedTest
    @ValueSource(strings = {"secp256k1", "secp256r1", "secp224r1", "secp192r1"})
    void publicKeysRoundTripThroughPemAndDer(String name) {
        EcCurve curve = EcCurve.named(name);
        EcPublicKey key = EcPublicKey.fromRawPoint(name, curve.publicPoint(curve.generatePrivateKey()));
        assertThat(EcPublicKey.fromDer(key.toDer())).isEqualTo(key);
        assertThat(EcPublicKey.fromPem(key.toPem())).isEqualTo(key);
        assertThat(key.toPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(key.toString()).isEqualTo("EcPublicKey{" + name + "}");
    }

    @Test
    void unreadableKeysAreRefusedClearly() {
        assertThatThrownBy(() -> EcPublicKey.fromDer(new byte[] {1, 2, 3}))
                .hasMessageContaining("not a DER-encoded public key");
        assertThatThrownBy(() -> EcPublicKey.fromPem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
                .hasMessageContaining("private key");
        assertThatThrownBy(() -> EcPublicKey.fromPem("hello")).hasMessageContaining("no '-----BEGIN' line");
    }

    private static byte[] prefixed(byte[] point) {
        byte[] result = new byte[point.length + 1];
        result[0] = 4;
        System.arraycopy(point, 0, result, 1, point.length);
        return Arrays.copyOf(result, result.length);
    }
}
