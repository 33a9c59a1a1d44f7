package io.rtm.client;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonTest {

    @Test
    void parsesValues() {
        Object value = Json.parse(" {\"a\": [1, -2.5, true, null, \"x\\n\\u00e9\"], \"b\": {}} ");
        assertThat(value).isEqualTo(Map.of("a", java.util.Arrays.asList(1L, -2.5, true, null, "x\né"), "b", Map.of()));
    }

    @Test
    void writesWhatItParses() {
        String text = "{\"k\":[1,\"q\\\"uote\"],\"n\":null}";
        assertThat(Json.write(Json.parse(text))).isEqualTo(text);
    }

    @Test
    void rejectsMalformedInput() {
        for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "{\"a\":1} x", "tru", "\"open", "{a:1}")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Json.parse(bad));
        }
    }

    @Test
    void rejectsDeepNesting() {
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)));
    }
}
