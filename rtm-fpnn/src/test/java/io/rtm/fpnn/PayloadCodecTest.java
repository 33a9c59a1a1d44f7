package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@ExtendWith(NoLeaks.class)
class PayloadCodecTest {

    private static final HexFormat HEX = HexFormat.of();
    /** {@code {"v": …}}: a fixmap of one entry with the fixstr key "v". */
    private static final String ONE_FIELD = "81a176";

    // ---- integers ---------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "00, 0",
            "05, 5",
            "7f, 127",
            "cc00, 0",
            "ccff, 255",
            "cd0000, 0",
            "cdffff, 65535",
            "ce00000001, 1",
            "ceffffffff, 4294967295",
            "cf0000000000000001, 1",
            "cf7fffffffffffffff, 9223372036854775807",
            "cf62f49940232f0000, 7130492610781577216",
            "e0, -32",
            "ff, -1",
            "d07f, 127",
            "d080, -128",
            "d1ff7f, -129",
            "d18000, -32768",
            "d27fffffff, 2147483647",
            "d280000000, -2147483648",
            "d30000000000000005, 5",
            "d38000000000000000, -9223372036854775808",
    })
    void everyIntegerFormDecodesToLong(String valueHex, long expected) {
        Payload payload = decode(ONE_FIELD + valueHex);
        assertThat(payload.get("v")).isInstanceOf(Long.class).isEqualTo(expected);
        assertThat(payload.getLong("v")).isEqualTo(expected);
    }

    @Test
    void uint64AboveLongMaxIsBigIntegerAndNotALong() {
        Payload payload = decode(ONE_FIELD + "cfffffffffffffffff");
        assertThat(payload.get("v")).isEqualTo(new BigInteger("18446744073709551615"));
        FpnnException e = catchThrowableOfType(FpnnException.class, () -> payload.getLong("v"));
        assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        assertThat(e.getMessage()).contains("'v'");
        assertThat(decode(ONE_FIELD + "cf8000000000000000").get("v"))
                .isEqualTo(BigInteger.ONE.shiftLeft(63));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "0, 00",
            "1, 01",
            "127, 7f",
            "128, cc80",
            "255, ccff",
            "256, cd0100",
            "65535, cdffff",
            "65536, ce00010000",
            "4294967295, ceffffffff",
            "4294967296, cf0000000100000000",
            "7130492610781577216, cf62f49940232f0000",
            "9223372036854775807, cf7fffffffffffffff",
            "-1, ff",
            "-32, e0",
            "-33, d0df",
            "-128, d080",
            "-129, d1ff7f",
            "-32768, d18000",
            "-32769, d2ffff7fff",
            "-2147483648, d280000000",
            "-2147483649, d3ffffffff7fffffff",
            "-9223372036854775808, d38000000000000000",
    })
    void integersEncodeInTheSmallestForm(long value, String expectedHex) {
        assertThat(encodeValue(value)).isEqualTo(expectedHex);
        assertThat(decode(ONE_FIELD + expectedHex).getLong("v")).isEqualTo(value);
    }

    @Test
    void smallerIntegerTypesAndBigIntegersEncodeLikeLongs() {
        assertThat(encodeValue(200)).isEqualTo("ccc8");
        assertThat(encodeValue((short) -200)).isEqualTo("d1ff38");
        assertThat(encodeValue((byte) -5)).isEqualTo("fb");
        assertThat(encodeValue(BigInteger.valueOf(300))).isEqualTo("cd012c");
        assertThat(encodeValue(new BigInteger("18446744073709551615"))).isEqualTo("cfffffffffffffffff");
        FpnnException e = catchThrowableOfType(FpnnException.class,
                () -> encodeValue(BigInteger.ONE.shiftLeft(64)));
        assertThat(e.code()).isEqualTo(FpnnErrorCode.CORE_ENCODING);
    }

    // ---- strings and binaries ---------------------------------------------

    @Test
    void strAndBinRoundTripAsStringAndBytes() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        Payload payload = roundTrip(Payload.builder().put("text", "héllo 🔑").put("data", bytes).build());
        assertThat(payload.get("text")).isEqualTo("héllo 🔑");
        assertThat(payload.get("data")).isInstanceOf(byte[].class).isEqualTo(bytes);
        assertThat(encodeValue("hi")).isEqualTo("a26869");
        assertThat(encodeValue(bytes)).isEqualTo("c404000102ff");
    }

    @ParameterizedTest(name = "str of {0} bytes -> header {1}")
    @CsvSource({"0, a0", "31, bf", "32, d920", "255, d9ff", "256, da0100", "65535, daffff", "65536, db00010000"})
    void strHeadersUseTheSmallestForm(int length, String header) {
        String text = "x".repeat(length);
        String encoded = encodeValue(text);
        assertThat(encoded).startsWith(header).hasSize(header.length() + 2 * length);
        assertThat(roundTrip(Payload.builder().put("v", text).build()).getString("v")).isEqualTo(text);
    }

    @ParameterizedTest(name = "bin of {0} bytes -> header {1}")
    @CsvSource({"0, c400", "255, c4ff", "256, c50100", "65535, c5ffff", "65536, c600010000"})
    void binHeadersUseTheSmallestForm(int length, String header) {
        byte[] bytes = new byte[length];
        assertThat(encodeValue(bytes)).startsWith(header).hasSize(header.length() + 2 * length);
        assertThat(roundTrip(Payload.builder().put("v", bytes).build()).getBytes("v")).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "str {0} is delivered as bytes")
    @ValueSource(strings = {
            "c328",       // lead byte followed by a non-continuation byte (the classic 0xa2 0xc3 0x28 frame)
            "80",         // lone continuation byte
            "c080",       // overlong NUL
            "c1bf",       // overlong, lead byte c1
            "e08080",     // overlong three-byte form
            "f0808080",   // overlong four-byte form
            "eda080",     // UTF-16 high surrogate U+D800
            "edbfbf",     // UTF-16 low surrogate U+DFFF
            "f4908080",   // U+110000, beyond Unicode
            "f5808080",   // invalid lead byte
            "ff",         // invalid byte
            "e282",       // truncated three-byte sequence
            "f09f94",     // truncated four-byte sequence
            "41c3",       // truncated two-byte sequence at the end
    })
    void strThatIsNotValidUtf8ArrivesAsBytes(String strBytesHex) {
        byte[] raw = HEX.parseHex(strBytesHex);
        String strHeader = HEX.toHexDigits((byte) (0xa0 | raw.length));
        Object value = decode(ONE_FIELD + strHeader + strBytesHex).get("v");
        assertThat(value).isInstanceOf(byte[].class).isEqualTo(raw);
    }

    @ParameterizedTest(name = "str {0} is a String")
    @ValueSource(strings = {
            "",
            "41",
            "c2a9",       // U+00A9
            "e0a080",     // U+0800, smallest three-byte form
            "ed9fbf",     // U+D7FF, just below the surrogates
            "ee8080",     // U+E000, just above them
            "efbfbf",     // U+FFFF
            "f0908080",   // U+10000, smallest four-byte form
            "f09f9491",   // U+1F511
            "f48fbfbf",   // U+10FFFF, the last code point
    })
    void strThatIsValidUtf8ArrivesAsString(String strBytesHex) {
        byte[] raw = HEX.parseHex(strBytesHex);
        String strHeader = HEX.toHexDigits((byte) (0xa0 | raw.length));
        Object value = decode(ONE_FIELD + strHeader + strBytesHex).get("v");
        assertThat(value).isEqualTo(new String(raw, StandardCharsets.UTF_8));
    }

    @Test
    void invalidUtf8InAStr8IsKeptWhole() {
        // the frame of the brief: str of 2 bytes c3 28 (0xa2 header)
        Payload payload = decode(ONE_FIELD + "a2c328");
        assertThat(payload.getBytes("v")).containsExactly(0xc3, 0x28);
        FpnnException e = catchThrowableOfType(FpnnException.class, () -> payload.getString("v"));
        assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
    }

    // ---- arrays, sets and maps --------------------------------------------

    @Test
    void arraysDecodeAsListsAndReadAsSets() {
        // {"ids": [1, 1002, 1], "events": ["login", "logout"]}
        Payload payload = decode("82a3696473930 1cd03ea01a66576656e747392a56c6f67696ea66c6f676f7574");
        assertThat(payload.get("ids")).isEqualTo(List.of(1L, 1002L, 1L));
        assertThat(payload.getLongSet("ids")).containsExactly(1L, 1002L);
        assertThat(payload.getStringSet("events")).containsExactly("login", "logout");
        assertThat(payload.getLongSet("absent")).isEmpty();
        assertThat(payload.getStringSet("absent")).isEmpty();
        assertThat(catchThrowableOfType(FpnnException.class, () -> payload.getLongSet("events")).code())
                .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        assertThat(catchThrowableOfType(FpnnException.class, () -> payload.getStringSet("ids")).code())
                .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
    }

    @Test
    void setsAndListsEncodeAsArrays() {
        assertThat(encodeValue(new LinkedHashSet<>(List.of(1L, 2L, 3L)))).isEqualTo("93010203");
        assertThat(encodeValue(List.of("a"))).isEqualTo("91a161");
        assertThat(encodeValue(List.of())).isEqualTo("90");
        List<Long> sixteen = new ArrayList<>();
        for (long i = 0; i < 16; i++) {
            sixteen.add(i);
        }
        assertThat(encodeValue(sixteen)).startsWith("dc0010");
        Payload back = roundTrip(Payload.builder().put("uids", new LinkedHashSet<>(List.of(3001L, 3002L))).build());
        assertThat(back.get("uids")).isEqualTo(List.of(3001L, 3002L));
    }

    @Test
    void mapsOtherValuesAndKeyOrderRoundTrip() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", true);
        nested.put("n", null);
        nested.put("d", 1.5d);
        Payload payload = Payload.builder().put("z", 1).put("a", nested).put("m", "x").build();
        byte[] bytes = PayloadCodec.encodeToBytes(payload);
        assertThat(HEX.formatHex(bytes)).isEqualTo("83a17a01a16183a162c3a16ec0a164cb3ff8000000000000a16da178");
        Payload back = PayloadCodec.decode(bytes);
        assertThat(back).isEqualTo(payload);
        assertThat(back.asMap().keySet()).containsExactly("z", "a", "m");
        assertThat(Payload.EMPTY).isEqualTo(PayloadCodec.decode(HEX.parseHex("80")));
        assertThat(HEX.formatHex(PayloadCodec.encodeToBytes(Payload.EMPTY))).isEqualTo("80");
    }

    @Test
    void unencodableValueFailsWithEncodingError() {
        FpnnException e = catchThrowableOfType(FpnnException.class, () -> encodeValue(new Object()));
        assertThat(e.code()).isEqualTo(FpnnErrorCode.CORE_ENCODING);
    }

    // ---- malformed payloads -----------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "str32 declaring 2 GiB - 1, 81a176db7fffffff00000000000000",
            "str8 longer than the rest, 81a176d9ff41",
            "bin32 declaring 2 GiB - 1, 81a176c67fffffff000000",
            "bin8 longer than the rest, 81a176c40a0102",
            "array32 declaring 2 GiB - 1 items, 81a176dd7fffffff000000",
            "array16 longer than the rest, 81a176dcffff0102",
            "map32 declaring 2 GiB - 1 entries, 81a176df7fffffff000000",
            "top-level map32 declaring 2 GiB - 1 entries, df7fffffff",
            "top-level map16 longer than the rest, de0010a161a162",
            "ext32 declaring 2 GiB - 1, 81a176c97fffffff01000000",
    })
    void declaredLengthsBeyondTheRemainingBytesAreRejectedBeforeAllocation(String name, String hex) {
        FpnnException e = decodeError(hex);
        assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
        // "declared" comes from the check against the remaining bytes, which runs before anything
        // is allocated for the value (without it, 2 GiB - 1 would be allocated before failing)
        assertThat(e.getMessage()).contains("declared");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "str32 declaring 2 GiB, 81a176db8000000000000000000000",
            "str32 declaring 4 GiB - 1, 81a176dbffffffff00000000000000",
            "bin32 declaring 2 GiB, 81a176c680000000000000",
            "array32 declaring 2 GiB items, 81a176dd80000000000000",
            "map32 declaring 4 GiB - 1 entries, 81a176dfffffffff000000",
    })
    void lengthsBeyondAnIntAreRejected(String name, String hex) {
        // msgpack-core refuses a 32-bit length that does not fit an int while reading the header
        assertThat(decodeError(hex).code()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
    }

    @Test
    void decodesFromDirectAndCompositeBuffersAndHonoursIndexAndLength() {
        byte[] frame = HEX.parseHex("ffff" + "82a3756964cf62f49940232f0000a36d7367a26869" + "eeee");
        ByteBuf direct = Unpooled.directBuffer(frame.length).writeBytes(frame);
        ByteBuf heap = Unpooled.buffer(frame.length).writeBytes(frame);
        CompositeByteBuf composite = Unpooled.compositeBuffer()
                .addComponent(true, Unpooled.wrappedBuffer(frame, 0, 10))
                .addComponent(true, Unpooled.wrappedBuffer(frame, 10, frame.length - 10));
        try {
            Payload expected = Payload.builder().put("uid", 7130492610781577216L).put("msg", "hi").build();
            for (ByteBuf buf : List.of(direct, heap, composite)) {
                assertThat(PayloadCodec.decode(buf, 2, frame.length - 4)).as(buf.toString()).isEqualTo(expected);
                assertThat(buf.readerIndex()).isZero();
                FpnnException e = catchThrowableOfType(FpnnException.class,
                        () -> PayloadCodec.decode(buf, 2, frame.length - 3));
                assertThat(e.code()).as(buf.toString()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
            }
        } finally {
            direct.release();
            heap.release();
            composite.release();
        }
        assertThat(direct.refCnt()).isZero();
        assertThat(composite.refCnt()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "empty, ''",
            "nil, c0",
            "array instead of a map, 90",
            "str instead of a map, a161",
            "integer instead of a map, 01",
            "trailing bytes, 8000",
            "second map, 8080",
            "truncated value, 81a176cd01",
            "truncated key, 81a37631",
            "missing value, 81a176",
            "integer key, 810101",
            "bin key, 81c4017601",
            "nil key, 81c001",
            "reserved byte c1, 81a176c1",
    })
    void malformedPayloadsAreInvalidPackages(String name, String hex) {
        assertThat(decodeError(hex).code()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
    }

    @Test
    void nonStringKeyMessageSaysSo() {
        assertThat(decodeError("810101").getMessage()).contains("key is not a str");
    }

    @Test
    void nestingUpToTheLimitIsAcceptedAndDeeperIsRejected() {
        int max = PayloadCodec.MAX_DEPTH;
        assertThat(decode(ONE_FIELD + "91".repeat(max - 1) + "90").get("v")).isInstanceOf(List.class);
        FpnnException arrays = decodeError(ONE_FIELD + "91".repeat(max) + "90");
        assertThat(arrays.code()).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
        assertThat(arrays.getMessage()).contains("nested deeper");
        assertThat(decode(ONE_FIELD + "81a178".repeat(max - 1) + "80").get("v")).isInstanceOf(Map.class);
        assertThat(decodeError(ONE_FIELD + "81a178".repeat(max) + "80").code())
                .isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
    }

    @Test
    void encodingAcceptsWhatDecodingAcceptsAndRejectsDeeperNesting() {
        int max = PayloadCodec.MAX_DEPTH;
        Payload arrays = Payload.builder().put("v", nestedLists(max)).build();
        assertThat(roundTrip(arrays)).isEqualTo(arrays);
        Payload maps = Payload.builder().put("v", nestedMaps(max)).build();
        assertThat(roundTrip(maps)).isEqualTo(maps);
        assertThat(catchThrowableOfType(FpnnException.class,
                () -> PayloadCodec.encodeToBytes(Payload.builder().put("v", nestedLists(max + 1)).build())).code())
                .isEqualTo(FpnnErrorCode.CORE_ENCODING);
        assertThat(catchThrowableOfType(FpnnException.class,
                () -> PayloadCodec.encodeToBytes(Payload.builder().put("v", nestedMaps(max + 1)).build())).code())
                .isEqualTo(FpnnErrorCode.CORE_ENCODING);
    }

    /** {@code depth} arrays nested in one another, the innermost empty. */
    private static List<Object> nestedLists(int depth) {
        List<Object> list = new ArrayList<>();
        for (int i = 1; i < depth; i++) {
            list = new ArrayList<>(List.of(list));
        }
        return list;
    }

    /** {@code depth} maps nested in one another under the key "x", the innermost empty. */
    private static Map<String, Object> nestedMaps(int depth) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 1; i < depth; i++) {
            Map<String, Object> outer = new LinkedHashMap<>();
            outer.put("x", map);
            map = outer;
        }
        return map;
    }

    // ---- Payload accessors ------------------------------------------------

    @Test
    void missingFieldIsKeyNotFoundNamingTheField() {
        Payload payload = decode("80");
        for (Runnable access : List.<Runnable>of(
                () -> payload.getLong("mid"), () -> payload.getInt("mid"), () -> payload.getString("mid"),
                () -> payload.getBytes("mid"), () -> payload.getBoolean("mid"))) {
            FpnnException e = catchThrowableOfType(FpnnException.class, access::run);
            assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
            assertThat(e.getMessage()).contains("'mid'");
        }
        assertThat(payload.getLong("mid", 7)).isEqualTo(7);
        assertThat(payload.getInt("mid", 8)).isEqualTo(8);
        assertThat(payload.getString("mid", "d")).isEqualTo("d");
        assertThat(payload.getBoolean("mid", true)).isTrue();
    }

    @Test
    void nilCountsAsMissing() {
        Payload payload = decode(ONE_FIELD + "c0");
        assertThat(payload.contains("v")).isTrue();
        assertThat(payload.get("v")).isNull();
        assertThat(payload.getLong("v", 3)).isEqualTo(3);
        assertThat(catchThrowableOfType(FpnnException.class, () -> payload.getLong("v")).code())
                .isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
    }

    @Test
    void wrongTypeIsTypeConvertNamingTheField() {
        // {"from": "x", "to": 5, "big": 2^32, "flag": 1}
        Payload payload = Payload.builder().put("from", "x").put("to", 5L).put("big", 1L << 32).put("flag", 1)
                .build();
        List<Runnable> accesses = List.of(
                () -> payload.getLong("from"), () -> payload.getLong("from", 0), () -> payload.getInt("from"),
                () -> payload.getString("to"), () -> payload.getString("to", ""), () -> payload.getBytes("to"),
                () -> payload.getBoolean("flag"), () -> payload.getInt("big"), () -> payload.getLongSet("to"));
        for (Runnable access : accesses) {
            FpnnException e = catchThrowableOfType(FpnnException.class, access::run);
            assertThat(e.code()).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
            assertThat(e.getMessage()).containsAnyOf("'from'", "'to'", "'flag'", "'big'");
        }
        assertThat(catchThrowableOfType(FpnnException.class, () -> payload.getLong("from")).getMessage())
                .contains("'from'").contains("a str").contains("integer");
        assertThat(payload.getInt("to")).isEqualTo(5);
        assertThat(payload.getBytes("from")).isEqualTo(new byte[] {'x'});
    }

    @Test
    void toStringShowsKeysOnly() {
        Payload payload = Payload.builder().put("sign", "03A0CB9FDC290E0D3F2E6BC8C6EDBB27").put("salt", 123456789L)
                .build();
        assertThat(payload.toString()).contains("sign", "salt").doesNotContain("03A0CB9F", "123456789");
        assertThat(decode("81a473616c74ce075bcd15").toString()).doesNotContain("123456789");
    }

    @Test
    void equalityIsStructural() {
        assertThat(Payload.builder().put("a", 1).put("b", new byte[] {1, 2}).build())
                .isEqualTo(Payload.builder().put("b", new byte[] {1, 2}).put("a", 1L).build())
                .isNotEqualTo(Payload.builder().put("a", 1).put("b", new byte[] {1, 3}).build());
        assertThat(Payload.builder().put("a", List.of(1, 2)).build())
                .isNotEqualTo(Payload.builder().put("a", List.of(2, 1)).build());
    }

    // ---- helpers ----------------------------------------------------------

    @Test
    void keysSeenBeforeAreTheSameStringAndLongOrNonAsciiKeysStillDecode() {
        Payload first = decode("81a56d74797065" + "01");
        Payload second = decode("81a56d74797065" + "02");
        String firstKey = first.asMap().keySet().iterator().next();
        String secondKey = second.asMap().keySet().iterator().next();
        assertThat(secondKey).isEqualTo("mtype").isSameAs(firstKey).isSameAs("mtype");
        String longKey = "k".repeat(40);
        String utf8Key = "cl\u00e9";
        Payload other = PayloadCodec.decode(PayloadCodec.encodeToBytes(
                Payload.builder().put(longKey, 1L).put(utf8Key, 2L).build()));
        assertThat(other.getLong(longKey)).isEqualTo(1L);
        assertThat(other.getLong(utf8Key)).isEqualTo(2L);
    }

    private static Payload decode(String hex) {
        return PayloadCodec.decode(HEX.parseHex(hex.replace(" ", "")));
    }

    private static FpnnException decodeError(String hex) {
        FpnnException e = catchThrowableOfType(FpnnException.class, () -> decode(hex));
        assertThat(e).as("decoding %s must fail", hex).isNotNull();
        return e;
    }

    private static Payload roundTrip(Payload payload) {
        return PayloadCodec.decode(PayloadCodec.encodeToBytes(payload));
    }

    /** The msgpack bytes of one value, as hex. */
    private static String encodeValue(Object value) {
        String hex = HEX.formatHex(PayloadCodec.encodeToBytes(Payload.builder().put("v", value).build()));
        assertThat(hex).startsWith(ONE_FIELD);
        return hex.substring(ONE_FIELD.length());
    }
}
