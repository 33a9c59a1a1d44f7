package io.rtm.client;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonTest {

    @Test
    void parsesValues() {
        Object value = Json.parse(" {\"a\": [1, -2.5, true, null, \"x\\n\\u00e9\\/\"], \"b\": {}, \"c\": -0} ");
        assertThat(value).isEqualTo(Map.of("a", Arrays.asList(1L, -2.5, true, null, "x\né/"), "b", Map.of(),
                "c", 0L));
    }

    @Test
    void acceptsTheWholeNumberGrammar() {
        assertThat(Json.parse("0")).isEqualTo(0L);
        assertThat(Json.parse("-12")).isEqualTo(-12L);
        assertThat(Json.parse("0.5")).isEqualTo(0.5);
        assertThat(Json.parse("1e3")).isEqualTo(1000.0);
        assertThat(Json.parse("-1.25E-2")).isEqualTo(-0.0125);
        assertThat(Json.parse("2E+2")).isEqualTo(200.0);
        assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void numbersBeyondLongOrDoubleStayExact() {
        assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
        assertThat(Json.parse("-1e999")).isEqualTo(new BigDecimal("-1e999"));
    }

    @Test
    void rejectsWhatRfc8259Rejects() {
        for (String bad : List.of("", " ", "{", "{\"a\":}", "[1,]", "{\"a\":1,}", "{\"a\":1} x", "tru", "\"open",
                "{a:1}", "01", "-01.e5", "1.", ".5", "-", "1e", "1e+", "+1", "0x10", "Infinity", "NaN",
                "\"\\u00zz\"", "\"\\u+0ab\"", "\"\\x\"", "\"tab\there\"", "[1 2]", "{\"a\" 1}", "'a'")) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> Json.parse(bad));
        }
    }

    @Test
    void rejectsDeepNesting() {
        assertThatIllegalArgumentException().isThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)));
    }

    @Test
    void membersKeepTheirTextAsWritten() {
        Map<String, Json.Member> members = Json.members("{\"rtm\": {\"ext\":\"png\"}, \"custom\" : [1, 1e999 ,"
                + " {\"k\" : \"v\"}] }");
        assertThat(members.keySet()).containsExactly("rtm", "custom");
        assertThat(members.get("rtm").value()).isEqualTo(Map.of("ext", "png"));
        assertThat(members.get("rtm").text()).isEqualTo("{\"ext\":\"png\"}");
        assertThat(members.get("custom").text()).isEqualTo("[1, 1e999 , {\"k\" : \"v\"}]");
    }

    @Test
    void membersNeedAnObject() {
        assertThatIllegalArgumentException().isThrownBy(() -> Json.members("[1]"));
        assertThatIllegalArgumentException().isThrownBy(() -> Json.members("{\"a\":1} {"));
    }
}
