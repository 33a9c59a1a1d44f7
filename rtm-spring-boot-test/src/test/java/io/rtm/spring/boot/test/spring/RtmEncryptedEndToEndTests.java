package io.rtm.spring.boot.test.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.test.RtmTestKeys;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code rtm.encryption.*} from the application's properties, against a gateway with a secp256k1 key. */
@SpringBootTest(classes = RtmEncryptedEndToEndTests.App.class,
        properties = { "rtm.listen.groups=1001", "rtm.encryption.mode=stream", "rtm.encryption.key-size=256" })
// closed after the class: other tests in this module check that no client thread is left running
@DirtiesContext
class RtmEncryptedEndToEndTests {

    static final RtmTestKeys KEYS = RtmTestKeys.generate("secp256k1");

    static final RtmTestServer GATEWAY = RtmTestServer.builder().encryptionKey(KEYS).build().start();

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry registry) {
        registry.add("rtm.endpoint", GATEWAY::endpoint);
        registry.add("rtm.project-id", GATEWAY::projectId);
        registry.add("rtm.secret-key", GATEWAY::secretKey);
        registry.add("rtm.encryption.public-key", () -> "file:" + publicKeyFile());
    }

    private static Path publicKeyFile() {
        try {
            Path file = Files.createTempFile("rtm-gateway", ".pem");
            file.toFile().deleteOnExit();
            return Files.writeString(file, KEYS.publicKeyPem());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @AfterAll
    static void stopGateway() {
        GATEWAY.close();
    }

    @Autowired
    RtmServerClient client;

    @Autowired
    GroupListener listener;

    @Test
    void listensAndReceivesOverAnEncryptedConnection() {
        await().atMost(Duration.ofSeconds(10)).until(() -> this.client.isConnected()
                && GATEWAY.connectionCount() == 1 && GATEWAY.connections().get(0).listenState().gids().contains(1001L));
        assertThat(GATEWAY.encryptedConnectionCount()).isEqualTo(1);

        GATEWAY.pushGroupMessage(7, 1001, 1, 51, "sealed", "");

        await().atMost(Duration.ofSeconds(10)).until(() -> !this.listener.texts.isEmpty());
        assertThat(this.listener.texts).containsExactly("sealed");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        GroupListener groupListener() {
            return new GroupListener();
        }
    }

    static class GroupListener {

        final List<String> texts = new CopyOnWriteArrayList<>();

        @RtmListener(RtmPushType.GROUP_MESSAGE)
        void onGroupMessage(RtmMessage message) {
            this.texts.add(message.text());
        }
    }
}
