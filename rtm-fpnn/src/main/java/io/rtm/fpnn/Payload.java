package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The msgpack map carried by an FPNN quest or answer, with typed accessors.
 *
 * <p>Decoded values are {@link Long} for every integer form that fits a long
 * ({@link BigInteger} for a larger uint64), {@link String} for a str holding
 * valid UTF-8, {@code byte[]} for a bin and for a str that is not valid UTF-8,
 * {@link Boolean}, {@link Double}, {@link List} for arrays, {@link Map} for
 * maps and {@code null} for nil.
 *
 * <p>Accessors throw {@link FpnnException} with {@link FpnnErrorCode#PROTO_KEY_NOT_FOUND}
 * for a missing required field and {@link FpnnErrorCode#PROTO_TYPE_CONVERT} for a
 * field of the wrong type, so that a quest handler can let them propagate into an
 * error answer. A nil value counts as absent.
 *
 * <p>Immutable, so any thread may read it; the values themselves (arrays, lists,
 * maps) are handed out as they are and must not be changed.
 */
public final class Payload {

    /** The empty map {@code {}}. */
    public static final Payload EMPTY = new Payload(Collections.emptyMap());

    private final Map<String, @Nullable Object> values;

    private Payload(Map<String, @Nullable Object> values) {
        this.values = values;
    }

    /**
     * A payload holding a copy of the given map (its values are not copied).
     *
     * @param values the fields, with values of the types {@link Builder#put} takes
     * @return the payload; {@link #EMPTY} for an empty map
     */
    public static Payload of(Map<String, ? extends @Nullable Object> values) {
        return values.isEmpty() ? EMPTY : new Payload(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /** Wraps a map that the caller hands over and never changes again. */
    static Payload wrap(Map<String, @Nullable Object> values) {
        return values.isEmpty() ? EMPTY
                : new Payload(values instanceof SmallMap ? values : Collections.unmodifiableMap(values));
    }

    /** A builder for a payload, whose fields keep the order they are put in. */
    public static Builder builder() {
        return new Builder();
    }

    /** The fields, in wire order, as an unmodifiable map. */
    public Map<String, @Nullable Object> asMap() {
        return values;
    }

    /**
     * Whether the field is present, nil included.
     *
     * @param key the field's name
     * @return true when the map holds the key
     */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** Whether the map has no field: the payload {@code {}}. */
    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * The value as decoded (see the class comment).
     *
     * @param key the field's name
     * @return the value, or {@code null} when the field is absent or nil
     */
    public @Nullable Object get(String key) {
        return values.get(key);
    }

    /**
     * A required integer field, of any msgpack integer form.
     *
     * @param key the field's name
     * @return its value
     * @throws FpnnException 10009 when it is absent, 10010 when it is not an integer or beyond a long
     */
    public long getLong(String key) {
        return toLong(key, require(key));
    }

    /**
     * An optional integer field, of any msgpack integer form.
     *
     * @param key          the field's name
     * @param defaultValue the value when the field is absent
     * @return its value, or {@code defaultValue}
     * @throws FpnnException 10010 when it is not an integer or beyond a long
     */
    public long getLong(String key, long defaultValue) {
        Object value = values.get(key);
        return value == null ? defaultValue : toLong(key, value);
    }

    /**
     * A required integer field that must fit an int.
     *
     * @param key the field's name
     * @return its value
     * @throws FpnnException 10009 when it is absent, 10010 when it is not an integer or beyond an int
     */
    public int getInt(String key) {
        return toInt(key, getLong(key));
    }

    /**
     * An optional integer field that must fit an int.
     *
     * @param key          the field's name
     * @param defaultValue the value when the field is absent
     * @return its value, or {@code defaultValue}
     * @throws FpnnException 10010 when it is not an integer or beyond an int
     */
    public int getInt(String key, int defaultValue) {
        return values.get(key) == null ? defaultValue : getInt(key);
    }

    /**
     * A required str field holding valid UTF-8.
     *
     * @param key the field's name
     * @return its value
     * @throws FpnnException 10009 when it is absent, 10010 when it is not such a str
     */
    public String getString(String key) {
        return toString(key, require(key));
    }

    /**
     * An optional str field holding valid UTF-8.
     *
     * @param key          the field's name
     * @param defaultValue the value when the field is absent
     * @return its value, or {@code defaultValue}
     * @throws FpnnException 10010 when it is not such a str
     */
    public String getString(String key, String defaultValue) {
        Object value = values.get(key);
        return value == null ? defaultValue : toString(key, value);
    }

    /**
     * A required bin field, or a str as its bytes.
     *
     * @param key the field's name
     * @return the bytes of a bin as they were decoded (not a copy), or the UTF-8 bytes of a str
     * @throws FpnnException 10009 when it is absent, 10010 when it is neither bin nor str
     */
    public byte[] getBytes(String key) {
        Object value = require(key);
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        throw wrongType(key, value, "bin");
    }

    /**
     * A required boolean field.
     *
     * @param key the field's name
     * @return its value
     * @throws FpnnException 10009 when it is absent, 10010 when it is not a bool
     */
    public boolean getBoolean(String key) {
        Object value = require(key);
        if (value instanceof Boolean bool) {
            return bool;
        }
        throw wrongType(key, value, "bool");
    }

    /**
     * An optional boolean field.
     *
     * @param key          the field's name
     * @param defaultValue the value when the field is absent
     * @return its value, or {@code defaultValue}
     * @throws FpnnException 10010 when it is not a bool
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        return values.get(key) == null ? defaultValue : getBoolean(key);
    }

    /**
     * An optional array of integers, as a set.
     *
     * @param key the field's name
     * @return the distinct items in array order, unmodifiable; empty when the field is absent
     * @throws FpnnException 10010 when it is not an array, or an item is not an integer that fits a long
     */
    public Set<Long> getLongSet(String key) {
        Collection<?> items = optionalArray(key);
        Set<Long> result = new LinkedHashSet<>(Math.max(4, items.size() * 2));
        for (Object item : items) {
            result.add(toLong(key, item));
        }
        return Collections.unmodifiableSet(result);
    }

    /**
     * An optional array of strings, as a set.
     *
     * @param key the field's name
     * @return the distinct items in array order, unmodifiable; empty when the field is absent
     * @throws FpnnException 10010 when it is not an array, or an item is not a str of valid UTF-8
     */
    public Set<String> getStringSet(String key) {
        Collection<?> items = optionalArray(key);
        Set<String> result = new LinkedHashSet<>(Math.max(4, items.size() * 2));
        for (Object item : items) {
            result.add(toString(key, item));
        }
        return Collections.unmodifiableSet(result);
    }

    private Collection<?> optionalArray(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> items) {
            return items;
        }
        throw wrongType(key, value, "array");
    }

    private Object require(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new FpnnException(FpnnErrorCode.PROTO_KEY_NOT_FOUND, "missing field '" + key + "'");
        }
        return value;
    }

    private static long toLong(String key, @Nullable Object value) {
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger) {
            throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT,
                    "field '" + key + "' is an integer beyond the range of a signed 64-bit value");
        }
        throw wrongType(key, value, "integer");
    }

    private static int toInt(String key, long value) {
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT,
                    "field '" + key + "' is beyond the range of a 32-bit integer");
        }
        return (int) value;
    }

    private static String toString(String key, @Nullable Object value) {
        if (value instanceof String text) {
            return text;
        }
        throw wrongType(key, value, "str");
    }

    private static FpnnException wrongType(String key, @Nullable Object value, String expected) {
        return new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT,
                "field '" + key + "' is " + typeName(value) + ", expected " + expected);
    }

    static String typeName(@Nullable Object value) {
        if (value instanceof Long || value instanceof BigInteger || value instanceof Integer) {
            return "an integer";
        }
        if (value instanceof String) {
            return "a str";
        }
        if (value instanceof byte[]) {
            return "a bin";
        }
        if (value instanceof Boolean) {
            return "a bool";
        }
        if (value instanceof Double || value instanceof Float) {
            return "a float";
        }
        if (value instanceof Collection) {
            return "an array";
        }
        if (value instanceof Map) {
            return "a map";
        }
        return value == null ? "nil" : "a " + value.getClass().getSimpleName();
    }

    /** Equal to a payload of the same fields, byte arrays compared by content and integers by value. */
    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Payload that && PayloadValues.deepEquals(values, that.values);
    }

    @Override
    public int hashCode() {
        return values.keySet().hashCode();
    }

    /** The keys only: values may hold credentials (a signature) or user content. */
    @Override
    public String toString() {
        return "Payload" + values.keySet();
    }

    /** Builds a payload in insertion order; a builder belongs to one thread at a time. */
    public static final class Builder {

        private final Map<String, @Nullable Object> values = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Adds a field, or replaces the value of one put before (it keeps its place).
         * Values may be integers ({@link BigInteger} up to 2^64 - 1), floats,
         * strings, enums (sent as their name), {@code byte[]}, booleans,
         * collections (sent as arrays), maps and {@code null} (nil); a value of
         * another type fails when the payload is encoded, with
         * {@link FpnnErrorCode#CORE_ENCODING}.
         *
         * @param key   the field's name
         * @param value its value
         * @return this builder
         */
        public Builder put(String key, @Nullable Object value) {
            values.put(key, value);
            return this;
        }

        /**
         * Adds a field unless the collection is null or empty.
         *
         * @param key   the field's name
         * @param value the items, sent as an array
         * @return this builder
         */
        public Builder putIfNotEmpty(String key, @Nullable Collection<?> value) {
            if (value != null && !value.isEmpty()) {
                values.put(key, value);
            }
            return this;
        }

        /**
         * Adds every field of another payload, replacing those of the same name.
         *
         * @param other the fields to add
         * @return this builder
         */
        public Builder putAll(Payload other) {
            values.putAll(other.values);
            return this;
        }

        /** A payload of the fields put so far; the builder may go on being used. */
        public Payload build() {
            return Payload.wrap(new LinkedHashMap<>(values));
        }
    }
}
