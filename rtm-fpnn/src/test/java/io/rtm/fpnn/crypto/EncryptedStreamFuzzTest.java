package io.rtm.fpnn.crypto;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.rtm.fpnn.PipelineRun;
import io.rtm.fpnn.PipelineRun.Outcome;
import org.junit.jupiter.params.provider.MethodSource;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import static io.rtm.fpnn.PipelineRun.hex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes an encrypted connection in stream mode with Jazzer, starting from
 * every golden frame. The fuzzer picks the plain bytes; the test enciphers
 * them with the JDK's AES-CFB (not the BouncyCastle engine the handler uses),
 * feeds them to the cipher handler in front of the FPNN pipeline, and
 * deciphers what comes back. For any bytes, encryption is transparent: the
 * answers and whether the channel closes are those of a plain connection fed
 * the same bytes, and every buffer is released.
 * How the fuzz tests run: {@link io.rtm.fpnn.FuzzSeeds}.
 */
class EncryptedStreamFuzzTest {

    private static final FpnnCipherKeys KEYS = keys();

    @MethodSource("io.rtm.fpnn.FuzzSeeds#frames")
    @FuzzTest(maxExecutions = 100_000, maxDuration = "10m")
    void anyBytes(byte[] plain) throws GeneralSecurityException {
        int cut = PipelineRun.cutOf(plain);
        Outcome expected = PipelineRun.feed(plain, cut);
        Outcome enciphered = PipelineRun.feed(aes(Cipher.ENCRYPT_MODE, plain), cut,
                FpnnCipherHandler.forGateway(KEYS, true, PipelineRun.MAX_PAYLOAD));
        Outcome actual = new Outcome(
                hex(aes(Cipher.DECRYPT_MODE, HexFormat.of().parseHex(enciphered.answers()))), enciphered.closed());
        assertThat(actual).as(() -> "enciphered " + hex(plain)).isEqualTo(expected);
    }

    /** The bytes through AES-CFB from the IV, as one stream. */
    private static byte[] aes(int mode, byte[] bytes) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/CFB/NoPadding");
        cipher.init(mode, new SecretKeySpec(KEYS.key(), "AES"), new IvParameterSpec(KEYS.iv()));
        return cipher.doFinal(bytes);
    }

    private static FpnnCipherKeys keys() {
        byte[] secret = new byte[32];
        Arrays.fill(secret, (byte) 0x5A);
        return FpnnCipherKeys.derive(secret, 128);
    }
}
