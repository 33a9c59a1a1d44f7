package io.rtm.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads the JSON of configuration metadata files: objects as maps, arrays as lists, strings, numbers as
 * {@code Double}, booleans and {@code null}. Spring Boot's own fallback parser, used when neither Jackson nor
 * Gson is on the class path, reads only the first property of such a file as it is generated (one property per
 * indented block), so the listener that names unknown keys would name every key.
 */
final class MetadataJson {

    private final String json;

    private int position;

    private MetadataJson(String json) {
        this.json = json;
    }

    /**
     * The top-level object.
     *
     * @throws IllegalArgumentException when the text is not one JSON object
     */
    static Map<String, @Nullable Object> parseObject(String json) {
        MetadataJson reader = new MetadataJson(json);
        reader.skipWhitespace();
        if (!(reader.value() instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        reader.skipWhitespace();
        if (reader.position != json.length()) {
            throw reader.error("nothing");
        }
        @SuppressWarnings("unchecked")
        Map<String, @Nullable Object> map = (Map<String, @Nullable Object>) object;
        return map;
    }

    private @Nullable Object value() {
        char c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    private Map<String, @Nullable Object> object() {
        Map<String, @Nullable Object> object = new LinkedHashMap<>();
        expect('{');
        skipWhitespace();
        if (peek() == '}') {
            this.position++;
            return object;
        }
        do {
            skipWhitespace();
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            object.put(key, value());
            skipWhitespace();
        } while (next(','));
        expect('}');
        return object;
    }

    private List<@Nullable Object> array() {
        List<@Nullable Object> array = new ArrayList<>();
        expect('[');
        skipWhitespace();
        if (peek() == ']') {
            this.position++;
            return array;
        }
        do {
            skipWhitespace();
            array.add(value());
            skipWhitespace();
        } while (next(','));
        expect(']');
        return array;
    }

    private String string() {
        expect('"');
        StringBuilder text = new StringBuilder();
        while (true) {
            char c = take();
            if (c == '"') {
                return text.toString();
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char escaped = take();
            switch (escaped) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    if (this.position + 4 > this.json.length()) {
                        throw error("four hex digits");
                    }
                    try {
                        text.append((char) Integer.parseInt(this.json, this.position, this.position + 4, 16));
                    } catch (NumberFormatException ex) {
                        throw error("four hex digits");
                    }
                    this.position += 4;
                }
                case '"', '\\', '/' -> text.append(escaped);
                default -> throw error("an escape");
            }
        }
    }

    private Double number() {
        int start = this.position;
        while (this.position < this.json.length() && "+-.eE0123456789".indexOf(this.json.charAt(this.position)) >= 0) {
            this.position++;
        }
        try {
            return Double.valueOf(this.json.substring(start, this.position));
        } catch (NumberFormatException ex) {
            this.position = start;
            throw error("a value");
        }
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
        if (!this.json.startsWith(word, this.position)) {
            throw error(word);
        }
        this.position += word.length();
        return value;
    }

    private void skipWhitespace() {
        while (this.position < this.json.length() && Character.isWhitespace(this.json.charAt(this.position))) {
            this.position++;
        }
    }

    private boolean next(char c) {
        if (this.position < this.json.length() && this.json.charAt(this.position) == c) {
            this.position++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw error("'" + c + "'");
        }
    }

    private char peek() {
        if (this.position >= this.json.length()) {
            throw error("more");
        }
        return this.json.charAt(this.position);
    }

    private char take() {
        char c = peek();
        this.position++;
        return c;
    }

    private IllegalArgumentException error(String expected) {
        return new IllegalArgumentException("JSON: expected " + expected + " at offset " + this.position);
    }
}
