package io.rtm.fpnn;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;

/** Reads the golden vectors from the test classpath and converts their JSON conventions. */
public final class Vectors {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Vectors() {
    }

    /** The array of entries of {@code /vectors/<name>}. */
    public static List<JsonNode> load(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("/vectors/" + name + " is not on the test classpath");
            }
            JsonNode root = JSON.readTree(in);
            List<JsonNode> entries = new ArrayList<>(root.values());
            if (entries.isEmpty()) {
                throw new IllegalStateException("/vectors/" + name + " holds no entries");
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Java value of a JSON value: {@code {"$int": "…"}} becomes a Long (or a
     * BigInteger beyond the long range), {@code {"$bin": "hex"}} a byte[], numbers
     * Long, arrays List, objects maps in the file's key order.
     */
    public static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            for (JsonNode item : node.values()) {
                list.add(value(item));
            }
            return list;
        }
        if (node.isObject()) {
            if (node.size() == 1 && node.has("$int")) {
                BigInteger big = new BigInteger(node.get("$int").stringValue());
                return big.bitLength() <= 63 ? (Object) big.longValue() : big;
            }
            if (node.size() == 1 && node.has("$bin")) {
                return HexFormat.of().parseHex(node.get("$bin").stringValue());
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (Entry<String, JsonNode> entry : node.properties()) {
                map.put(entry.getKey(), value(entry.getValue()));
            }
            return map;
        }
        throw new IllegalArgumentException("unexpected JSON value " + node);
    }

    /** A long from a JSON number or {@code {"$int": "…"}}. */
    public static long longValue(JsonNode node) {
        Object value = value(node);
        if (value instanceof Long number) {
            return number;
        }
        throw new IllegalArgumentException("not a long: " + node);
    }
}
