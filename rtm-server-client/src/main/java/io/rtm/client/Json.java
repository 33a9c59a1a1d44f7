package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader for the descriptions of file messages, so that the
 * plain client needs no JSON library. It accepts exactly the grammar of RFC
 * 8259 (no leading zeros, no {@code 1.} or {@code .5}, no unescaped control
 * characters, no trailing commas) and nests at most {@value #MAX_DEPTH} deep.
 * Objects become maps, arrays lists, and numbers {@code Long} when they are
 * whole and fit, {@code Double} when finite, otherwise {@code BigDecimal}:
 * a number is never turned into an infinity.
 */
final class Json {

    private static final int MAX_DEPTH = 32;

    /** One member of an object: its value, and its text exactly as written. */
    record Member(@Nullable Object value, String text) {
    }

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException naming the position when the text is not JSON
     */
    static @Nullable Object parse(String text) {
        Json json = new Json(text);
        json.skipSpace();
        Object value = json.value(0);
        json.end();
        return value;
    }

    /**
     * Parses a JSON object and returns its members, each with its value and its
     * own text, in the order written.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    static Map<String, Member> members(String text) {
        Json json = new Json(text);
        json.skipSpace();
        if (json.peek() != '{') {
            throw json.error("expected an object");
        }
        Map<String, Member> members = new LinkedHashMap<>();
        json.object(0, (key, start, value) -> members.put(key, new Member(value, text.substring(start, json.pos))));
        json.end();
        return members;
    }

    /** Receives each member of an object as it is parsed. */
    @FunctionalInterface
    private interface MemberSink {
        void accept(String key, int start, @Nullable Object value);
    }

    private @Nullable Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested too deep");
        }
        return switch (peek()) {
            case '{' -> {
                Map<String, Object> map = new LinkedHashMap<>();
                object(depth, (key, start, value) -> map.put(key, value));
                yield map;
            }
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> number();
        };
    }

    private void object(int depth, MemberSink members) {
        pos++;
        skipSpace();
        if (peek() == '}') {
            pos++;
            return;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') {
                throw error("expected a key");
            }
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            int start = pos;
            members.accept(key, start, value(depth + 1));
            skipSpace();
            char c = next();
            if (c == '}') {
                return;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<@Nullable Object> array(int depth) {
        List<@Nullable Object> list = new ArrayList<>();
        pos++;
        skipSpace();
        if (peek() == ']') {
            pos++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = next();
            if (c == ']') {
                return list;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> out.append(escape);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> out.append(unicodeEscape());
                default -> throw error("bad escape '\\" + escape + "'");
            }
        }
    }

    private char unicodeEscape() {
        int code = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(next(), 16);
            if (digit < 0) {
                throw error("bad unicode escape");
            }
            code = code * 16 + digit;
        }
        return (char) code;
    }

    /** {@code -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?}, nothing more. */
    private Object number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            digits();
        } else {
            throw error(pos >= text.length() ? "unexpected end" : "unexpected character '" + peek() + "'");
        }
        boolean whole = true;
        if (peek() == '.') {
            pos++;
            requireDigits("a digit after the decimal point");
            whole = false;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            requireDigits("a digit in the exponent");
            whole = false;
        }
        String token = text.substring(start, pos);
        if (whole && token.length() <= 19) {
            try {
                return Long.parseLong(token);
            } catch (NumberFormatException beyondLong) {
                // a 19-digit number above Long.MAX_VALUE: exact below
            }
        }
        BigDecimal exact = new BigDecimal(token);
        double approximate = exact.doubleValue();
        return Double.isFinite(approximate) && !whole ? approximate : exact;
    }

    private void requireDigits(String what) {
        if (!(peek() >= '0' && peek() <= '9')) {
            throw error("expected " + what);
        }
        digits();
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private @Nullable Object literal(String word, @Nullable Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected token");
        }
        pos += word.length();
        return value;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private void end() {
        skipSpace();
        if (pos != text.length()) {
            throw error("trailing characters");
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("invalid JSON at " + pos + ": " + message);
    }
}
