package io.rtm.client;

import io.rtm.fpnn.crypto.EcCurve;
import io.rtm.fpnn.crypto.EcPublicKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtmEncryptionTest {

    private final EcCurve curve = EcCurve.named("secp224r1");
    private final EcPublicKey key = EcPublicKey.fromRawPoint("secp224r1", curve.publicPoint(curve.generatePrivateKey()));

    @Test
    void everyFormReadsToTheSameKey() {
        RtmEncryption fromPem = RtmEncryption.fromPem(key.toPem());
        assertThat(RtmEncryption.fromPem(key.toPem().getBytes(StandardCharsets.US_ASCII))).isEqualTo(fromPem);
        assertThat(RtmEncryption.fromDer(key.toDer())).isEqualTo(fromPem);
        assertThat(RtmEncryption.fromRawPoint("P-224", key.rawPoint())).isEqualTo(fromPem);
        assertThat(RtmEncryption.fromKey(key.toPem().getBytes(StandardCharsets.US_ASCII), null)).isEqualTo(fromPem);
        assertThat(RtmEncryption.fromKey(key.toDer(), null)).isEqualTo(fromPem);
        assertThat(RtmEncryption.fromKey(key.toDer(), "secp224r1")).isEqualTo(fromPem);
        assertThat(RtmEncryption.fromKey(key.rawPoint(), "secp224r1")).isEqualTo(fromPem);
        assertThat(fromPem.curve()).isEqualTo("secp224r1");
        assertThat(fromPem.gatewayPublicKey()).isEqualTo(key.rawPoint());
    }

    @Test
    void defaultsAndWithers() {
        RtmEncryption encryption = RtmEncryption.fromDer(key.toDer());
        assertThat(encryption.mode()).isEqualTo(RtmEncryption.Mode.PACKAGE);
        assertThat(encryption.keySize()).isEqualTo(128);
        RtmEncryption changed = encryption.withMode(RtmEncryption.Mode.STREAM).withKeySize(256);
        assertThat(changed.mode()).isEqualTo(RtmEncryption.Mode.STREAM);
        assertThat(changed.keySize()).isEqualTo(256);
        assertThat(encryption.keySize()).isEqualTo(128);
        assertThatThrownBy(() -> encryption.withKeySize(192)).hasMessageContaining("128 or 256");
    }

    @Test
    void toStringShowsNoKeyBytes() {
        RtmEncryption encryption = RtmEncryption.fromDer(key.toDer());
        String text = encryption.toString();
        assertThat(text).isEqualTo("RtmEncryption{curve=secp224r1, mode=PACKAGE, keySize=128}");
        assertThat(text.toLowerCase()).doesNotContain(HexFormat.of().formatHex(key.rawPoint()).substring(0, 8));
    }

    @Test
    void mismatchesAndUnreadableKeysAreRefused() {
        assertThatThrownBy(() -> RtmEncryption.fromKey(key.toDer(), "secp256k1"))
                .hasMessageContaining("on secp224r1, but the configured curve is secp256k1");
        assertThatThrownBy(() -> RtmEncryption.fromKey(key.rawPoint(), null))
                .hasMessageContaining("needs its curve named");
        byte[] rawLikeDer = key.rawPoint();
        rawLikeDer[0] = 0x30; // the first byte of a DER SEQUENCE, as one raw X in 256 starts
        assertThatThrownBy(() -> RtmEncryption.fromKey(rawLikeDer, null))
                .hasMessageContaining("needs its curve named");
        assertThatThrownBy(() -> RtmEncryption.fromRawPoint("secp256k1", key.rawPoint()))
                .hasMessageContaining("64 bytes of raw X||Y, not 56");
        assertThatThrownBy(() -> RtmEncryption.fromRawPoint("secp521r1", key.rawPoint()))
                .hasMessageContaining("unsupported curve");
    }
}
