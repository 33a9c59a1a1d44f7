package io.rtm.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The configuration metadata as generated, read whole; and JSON's corners. */
class MetadataJsonTests {

    @Test
    void readsEveryPropertyOfTheGeneratedMetadata() throws IOException {
        String json;
        try (InputStream in = getClass().getClassLoader()
            .getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        @SuppressWarnings("unchecked")
        List<Object> properties = (List<Object>) MetadataJson.parseObject(json).get("properties");
        // Boot's parser without Jackson or Gson read 2 of the 55 entries of this file as properties
        assertThat(properties).hasSizeGreaterThan(50).allSatisfy((property) -> assertThat(property)
            .isInstanceOfSatisfying(Map.class, (map) -> assertThat(map.get("name")).asString().isNotBlank()));
        assertThat(properties.stream().map((property) -> (Object) ((Map<?, ?>) property).get("name")).toList())
            .contains("rtm.endpoint", "rtm.relay.kafka.dead-letter-topic", "management.health.rtm.enabled");
    }

    @Test
    void readsEscapesNumbersAndLiterals() {
        Map<String, @Nullable Object> object = MetadataJson.parseObject(
                " {\"a\": \"q\\\"\\\\\\/\\n\\u00e9,}\", \"b\": [1, -2.5e1, true, false, null, {}, []], \"c\": {\"d\": \"\"}} ");
        assertThat(object).containsEntry("a", "q\"\\/\né,}")
            .containsEntry("c", Map.of("d", ""));
        @SuppressWarnings("unchecked")
        List<Object> array = (List<Object>) object.get("b");
        assertThat(array).containsExactly(1.0, -25.0, true, false, null, Map.of(), List.of());
    }

    @Test
    void refusesWhatIsNotOneObject() {
        for (String bad : List.of("", "[]", "{", "{\"a\" 1}", "{\"a\": 1,}", "{\"a\": tru}", "{\"a\": \"\\x\"}",
                "{\"a\": \"\\u12\"}", "{} {}", "{\"a\": \"open}")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> MetadataJson.parseObject(bad));
        }
    }
}
