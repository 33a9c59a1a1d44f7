package io.rtm.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's property table lists exactly the generated metadata, with the same defaults. */
class ReadmePropertiesTests {

    private static final Pattern ROW = Pattern.compile("^\\| `([a-z][a-z0-9.-]+)` \\|\\s*`?([^`|]*?)`?\\s*\\|");

    @Test
    void readmeTableMatchesTheConfigurationMetadata() throws IOException {
        Map<String, String> documented = readmeTable(Path.of("..", "README.md"));
        Map<String, String> generated = metadata();

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(generated.keySet());
        assertThat(documented).containsAllEntriesOf(generated);
    }

    private static Map<String, String> readmeTable(Path readme) throws IOException {
        String text = Files.readString(readme);
        int start = text.indexOf("<!-- properties:start -->");
        int end = text.indexOf("<!-- properties:end -->");
        assertThat(start).as("properties table markers in README.md").isNotNegative().isLessThan(end);
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : text.substring(start, end).split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                assertThat(rows.put(row.group(1), row.group(2).trim())).as("listed twice: " + row.group(1)).isNull();
            }
        }
        return rows;
    }

    private Map<String, String> metadata() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            Map<String, String> properties = new LinkedHashMap<>();
            for (JsonNode property : JsonMapper.shared().readTree(in).get("properties")) {
                JsonNode defaultValue = property.get("defaultValue");
                properties.put(property.get("name").asString(),
                        defaultValue == null ? "" : defaultValue.asString().replaceAll("\\.0$", ""));
            }
            return properties;
        }
    }
}
