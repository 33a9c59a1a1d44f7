package io.rtm.fpnn.crypto;

import org.junit.jupiter.api.Test;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FpnnCipherKeysTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void keysOfA32ByteSecret() throws Exception {
        byte[] secret = new byte[32];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        FpnnCipherKeys k128 = FpnnCipherKeys.derive(secret, 128);
        assertThat(HEX.formatHex(k128.key())).isEqualTo("000102030405060708090a0b0c0d0e0f");
        // MD5 of the bytes 00..1f
        assertThat(HEX.formatHex(k128.iv())).isEqualTo(HEX.formatHex(MessageDigest.getInstance("MD5").digest(secret)));
        assertThat(HEX.formatHex(k128.iv())).isEqualTo("b4ffcb23737cec315a4a4d1aa2a620ce");
        FpnnCipherKeys k256 = FpnnCipherKeys.derive(secret, 256);
        assertThat(k256.key()).isEqualTo(secret);
        assertThat(k256.iv()).isEqualTo(k128.iv());
    }

    @Test
    void a256BitKeyOfAShorterSecretIsItsSha256() throws Exception {
        byte[] secret = new byte[28];
        Arrays.fill(secret, (byte) 0x5a);
        FpnnCipherKeys keys = FpnnCipherKeys.derive(secret, 256);
        assertThat(keys.key()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(secret)).hasSize(32);
        assertThat(FpnnCipherKeys.derive(Arrays.copyOf(secret, 24), 128).key()).hasSize(16);
    }

    @Test
    void showsNoKeyMaterial() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0x41);
        FpnnCipherKeys keys = FpnnCipherKeys.derive(secret, 256);
        assertThat(keys.toString()).isEqualTo("FpnnCipherKeys{AES-256}");
        assertThatThrownBy(() -> FpnnCipherKeys.derive(secret, 192)).hasMessageContaining("128 or 256");
    }
}
