package io.rtm.fpnn;

import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential test against msgpack-core, the reference implementation the
 * public SDKs use: whatever it packs, our codec decodes to the same values,
 * and whatever our codec encodes, it unpacks to the same values.
 */
class MsgpackReferenceTest {

    private static final int CASES = 10_000;

    @Test
    void decodesWhatTheReferencePacks() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> payload = randomMap(random, 0);
            byte[] packed;
            try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
                pack(packer, payload);
                packer.flush();
                packed = packer.toByteArray();
            }
            assertThat(PayloadCodec.decode(packed)).as("case %d", i).isEqualTo(Payload.of(payload));
        }
    }

    @Test
    void theReferenceUnpacksWhatWeEncode() throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> payload = randomMap(random, 0);
            byte[] encoded = PayloadCodec.encodeToBytes(Payload.of(payload));
            try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(encoded)) {
                Object unpacked = toJava(unpacker.unpackValue());
                assertThat(unpacker.hasNext()).isFalse();
                assertThat(Payload.of(castMap(unpacked))).as("case %d", i).isEqualTo(Payload.of(payload));
            }
        }
    }

    private static Map<String, Object> randomMap(SplittableRandom random, int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(depth == 0 ? 12 : 4);
        for (int i = 0; i < size; i++) {
            map.put(randomText(random, 8), randomValue(random, depth + 1));
        }
        return map;
    }

    private static Object randomValue(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth > 3 ? 7 : 9);
        return switch (kind) {
            case 0 -> randomLong(random);
            case 1 -> randomText(random, random.nextInt(4) == 0 ? 300 : 40);
            case 2 -> {
                byte[] bytes = new byte[random.nextInt(random.nextInt(8) == 0 ? 70_000 : 40)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case 3 -> random.nextBoolean();
            case 4 -> null;
            case 5 -> random.nextDouble() * 1e6 - 5e5;
            case 6 -> new BigInteger(64, new Random(random.nextLong())).setBit(63);
            case 7 -> {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(random.nextInt(10) == 0 ? 40 : 5);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth + 1));
                }
                yield list;
            }
            default -> randomMap(random, depth);
        };
    }

    /** Values around every boundary between msgpack's integer forms. */
    private static long randomLong(SplittableRandom random) {
        long[] edges = {0, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L, Long.MAX_VALUE,
                -1, -32, -33, -128, -129, -32_768, -32_769, -2_147_483_648L, -2_147_483_649L, Long.MIN_VALUE};
        return random.nextBoolean() ? edges[random.nextInt(edges.length)] + random.nextInt(3) - 1
                : random.nextLong() >> random.nextInt(64);
    }

    private static String randomText(SplittableRandom random, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            int codePoint = switch (random.nextInt(4)) {
                case 0 -> 0x4e00 + random.nextInt(0x5000);      // CJK
                case 1 -> 0x1F300 + random.nextInt(0x300);      // beyond the BMP
                default -> 0x20 + random.nextInt(0x5f);          // ASCII
            };
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private static void pack(MessageBufferPacker packer, Object value) throws IOException {
        if (value == null) {
            packer.packNil();
        } else if (value instanceof Long number) {
            packer.packLong(number);
        } else if (value instanceof BigInteger number) {
            packer.packBigInteger(number);
        } else if (value instanceof String text) {
            packer.packString(text);
        } else if (value instanceof byte[] bytes) {
            packer.packBinaryHeader(bytes.length).writePayload(bytes);
        } else if (value instanceof Boolean bool) {
            packer.packBoolean(bool);
        } else if (value instanceof Double number) {
            packer.packDouble(number);
        } else if (value instanceof List<?> list) {
            packer.packArrayHeader(list.size());
            for (Object item : list) {
                pack(packer, item);
            }
        } else {
            Map<?, ?> map = (Map<?, ?>) value;
            packer.packMapHeader(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                pack(packer, entry.getKey());
                pack(packer, entry.getValue());
            }
        }
    }

    private static Object toJava(Value value) {
        ValueType type = value.getValueType();
        return switch (type) {
            case NIL -> null;
            case BOOLEAN -> value.asBooleanValue().getBoolean();
            case INTEGER -> value.asIntegerValue().isInLongRange() ? (Object) value.asIntegerValue().toLong()
                    : value.asIntegerValue().toBigInteger();
            case FLOAT -> value.asFloatValue().toDouble();
            case STRING -> new String(value.asStringValue().asByteArray(), StandardCharsets.UTF_8);
            case BINARY -> value.asBinaryValue().asByteArray();
            case ARRAY -> value.asArrayValue().list().stream().map(MsgpackReferenceTest::toJava).toList();
            case MAP -> {
                Map<Object, Object> map = new LinkedHashMap<>();
                value.asMapValue().map().forEach((k, v) -> map.put(toJava(k), toJava(v)));
                yield map;
            }
            case EXTENSION -> value.asExtensionValue().getData();
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object map) {
        return (Map<String, Object>) map;
    }
}
