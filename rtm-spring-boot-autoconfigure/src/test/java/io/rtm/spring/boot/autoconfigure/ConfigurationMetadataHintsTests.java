package io.rtm.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The value hints an IDE offers for the settings that take one of a few values, and that they are real properties. */
class ConfigurationMetadataHintsTests {

    @Test
    void settingsWithAFewValuesOfferThem() throws IOException {
        JsonNode metadata = metadata();
        Map<String, List<String>> hints = new LinkedHashMap<>();
        for (JsonNode hint : metadata.get("hints")) {
            List<String> values = new ArrayList<>();
            hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
            hints.put(hint.get("name").asString(), values);
        }
        List<String> properties = new ArrayList<>();
        metadata.get("properties").forEach((property) -> properties.add(property.get("name").asString()));

        assertThat(hints).containsEntry("rtm.encryption.curve",
                List.of("secp256k1", "secp256r1", "secp224r1", "secp192r1"))
            .containsEntry("rtm.encryption.mode", List.of("package", "stream"))
            .containsEntry("rtm.encryption.key-size", List.of("128", "256"))
            .containsEntry("rtm.listen.events", List.of("login", "logout"))
            .containsEntry("rtm.listener.ack-mode", List.of("after-handling", "on-receipt"));
        assertThat(properties).containsAll(hints.keySet());
    }

    private JsonNode metadata() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            return JsonMapper.shared().readTree(in);
        }
    }
}
