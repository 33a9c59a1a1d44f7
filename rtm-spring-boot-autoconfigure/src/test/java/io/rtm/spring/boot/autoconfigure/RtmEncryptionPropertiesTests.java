package io.rtm.spring.boot.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;

import io.rtm.client.RtmServerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rtm.encryption.*} reach the client, and bad values stop startup naming the property. */
class RtmEncryptionPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class))
        .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                "rtm.project-id=11000001", "rtm.secret-key=secret", "rtm.reconnect.enabled=false",
                "rtm.connect-timeout=200ms");

    @TempDir
    Path dir;

    /** A secp256r1 public key in PEM, made with the JDK for this test. */
    private Path publicKeyPem() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                generator.generateKeyPair().getPublic().getEncoded());
        Path pem = this.dir.resolve("gateway.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n");
        return pem;
    }

    @Test
    void withoutAPublicKeyTheConnectionIsPlain() {
        this.runner.run((context) -> assertThat(context.getBean(RtmServerClient.class).toString())
            .doesNotContain("encryption"));
    }

    @Test
    void aPublicKeyTurnsEncryptionOnWithTheGivenModeAndKeySize() throws Exception {
        Path pem = publicKeyPem();
        this.runner
            .withPropertyValues("rtm.encryption.public-key=file:" + pem, "rtm.encryption.mode=stream",
                    "rtm.encryption.key-size=256")
            .run((context) -> assertThat(context.getBean(RtmServerClient.class).toString())
                .contains("RtmEncryption{curve=secp256r1, mode=STREAM, keySize=256}"));
    }

    @Test
    void anUnreadableKeyNamesTheProperty() {
        this.runner.withPropertyValues("rtm.encryption.public-key=file:" + this.dir.resolve("missing.pem"))
            .run((context) -> assertAnalysis(context, "rtm.encryption.public-key", "cannot be read"));
    }

    @Test
    void aKeyThatIsNotAKeyNamesTheSettings() throws Exception {
        Path notAKey = Files.writeString(this.dir.resolve("notes.txt"), "not a key");
        this.runner.withPropertyValues("rtm.encryption.public-key=file:" + notAKey)
            .run((context) -> assertAnalysis(context, "rtm.encryption", "is invalid"));
    }

    @Test
    void aKeySizeOtherThan128Or256IsRefused() throws Exception {
        Path pem = publicKeyPem();
        this.runner.withPropertyValues("rtm.encryption.public-key=file:" + pem, "rtm.encryption.key-size=192")
            .run((context) -> assertAnalysis(context, "rtm.encryption", "is invalid"));
    }

    @Test
    void aCurveThatDoesNotMatchTheKeyIsRefused() throws Exception {
        Path pem = publicKeyPem();
        this.runner.withPropertyValues("rtm.encryption.public-key=file:" + pem, "rtm.encryption.curve=secp256k1")
            .run((context) -> assertAnalysis(context, "rtm.encryption", "is invalid"));
    }

    private static void assertAnalysis(AssertableApplicationContext context, String property, String problem) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new InvalidRtmPropertyFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("failure analysis").isNotNull();
        assertThat(analysis.getDescription()).contains(property).contains(problem);
        assertThat(analysis.getAction()).contains(property);
    }
}
