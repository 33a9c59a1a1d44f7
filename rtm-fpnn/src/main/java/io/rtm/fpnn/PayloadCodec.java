package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.FastThreadLocal;
import org.jspecify.annotations.Nullable;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * msgpack encoding and decoding of FPNN payloads.
 *
 * <p>Decoding reads msgpack straight from the {@link ByteBuf}, heap, direct or
 * composite, without copying the payload first, with every length checked
 * against the bytes actually present before anything is allocated for it.
 * Short payload keys are interned, so that keys seen before allocate nothing.
 * Encoding writes straight into the outgoing {@link ByteBuf} in the smallest
 * form of each value, as the public SDKs do (non-negative integers of 2^32 and
 * more as uint64), which avoids an intermediate buffer per frame.
 *
 * <p>Stateless: any thread may call it.
 */
public final class PayloadCodec {

    /** Nesting deeper than this is rejected rather than recursed into. */
    static final int MAX_DEPTH = 32;

    private PayloadCodec() {
    }

    /**
     * Decodes {@code length} bytes at {@code index} (reader index untouched)
     * as a payload map.
     *
     * @throws FpnnException with {@link FpnnErrorCode#PROTO_INVALID_PACKAGE}
     *         when the bytes are not exactly one msgpack map
     */
    static Payload decode(ByteBuf buf, int index, int length) {
        return Payload.wrap(new Reader(buf, index, length).readPayload());
    }

    /**
     * Reads {@code length} bytes at {@code index} (reader index untouched), one
     * msgpack map, field by field with {@code fieldReader}; fields it leaves
     * unread are skipped.
     *
     * @param <T>         what the field reader makes of the payload
     * @param buf         the buffer holding the payload
     * @param index       where the payload starts in {@code buf}
     * @param length      the payload's bytes
     * @param fieldReader reads the fields into the result
     * @return what the field reader returned
     * @throws FpnnException 10003 for malformed msgpack, or what the field reader throws
     */
    public static <T> T decode(ByteBuf buf, int index, int length, PayloadFields.Reader<T> fieldReader) {
        Reader reader = new Reader(buf, index, length);
        reader.beginFields();
        T result = fieldReader.read(reader);
        while (reader.nextKey() != null) {
            reader.skipValue();
        }
        reader.endFields();
        return result;
    }

    /** Decodes all readable bytes of {@code buf} (reader index untouched). */
    static Payload decode(ByteBuf buf) {
        return decode(buf, buf.readerIndex(), buf.readableBytes());
    }

    /**
     * Decodes a byte array holding one msgpack map.
     *
     * @param bytes the msgpack bytes
     * @return the payload
     * @throws FpnnException with {@link FpnnErrorCode#PROTO_INVALID_PACKAGE}
     *         when the bytes are not exactly one msgpack map
     */
    public static Payload decode(byte[] bytes) {
        return decode(Unpooled.wrappedBuffer(bytes));
    }

    /** Writes the payload as a msgpack map into {@code out}. */
    static void encode(Payload payload, ByteBuf out) {
        writeMap(payload.asMap(), out, 0);
    }

    /**
     * Encodes the payload to a fresh byte array.
     *
     * @param payload the payload
     * @return its msgpack bytes
     * @throws FpnnException with {@link FpnnErrorCode#CORE_ENCODING} for a value of a type
     *         msgpack cannot carry, or nesting deeper than 32 levels
     */
    public static byte[] encodeToBytes(Payload payload) {
        ByteBuf buf = Unpooled.buffer();
        try {
            encode(payload, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    static FpnnException invalid(String message) {
        return new FpnnException(FpnnErrorCode.PROTO_INVALID_PACKAGE, message);
    }

    // ---- encoding ----------------------------------------------------------

    private static void writeValue(@Nullable Object value, ByteBuf out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new FpnnException(FpnnErrorCode.CORE_ENCODING, "payload nested deeper than " + MAX_DEPTH);
        }
        if (value == null) {
            out.writeByte(0xc0);
        } else if (value instanceof String text) {
            writeString(text, out);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            writeLong(((Number) value).longValue(), out);
        } else if (value instanceof Boolean bool) {
            out.writeByte(bool ? 0xc3 : 0xc2);
        } else if (value instanceof byte[] bytes) {
            writeBinary(bytes, out);
        } else if (value instanceof Collection<?> items) {
            writeArrayHeader(items.size(), out);
            for (Object item : items) {
                writeValue(item, out, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out, depth); // its entries are one level deeper, as when decoding
        } else if (value instanceof Double number) {
            out.writeByte(0xcb).writeDouble(number);
        } else if (value instanceof Float number) {
            out.writeByte(0xca).writeFloat(number);
        } else if (value instanceof BigInteger number) {
            writeBigInteger(number, out);
        } else if (value instanceof Enum<?> constant) {
            writeString(constant.name(), out);
        } else {
            throw new FpnnException(FpnnErrorCode.CORE_ENCODING,
                    "cannot encode a value of type " + value.getClass().getName());
        }
    }

    private static void writeMap(Map<?, ?> map, ByteBuf out, int depth) {
        int size = map.size();
        if (size < 16) {
            out.writeByte(0x80 | size);
        } else if (size < 65536) {
            out.writeByte(0xde).writeShort(size);
        } else {
            out.writeByte(0xdf).writeInt(size);
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            writeValue(entry.getKey(), out, depth + 1);
            writeValue(entry.getValue(), out, depth + 1);
        }
    }

    static void writeLong(long v, ByteBuf out) {
        if (v >= 0) {
            if (v < 128) {
                out.writeByte((int) v);
            } else if (v < 256) {
                out.writeByte(0xcc).writeByte((int) v);
            } else if (v < 65536) {
                out.writeByte(0xcd).writeShort((int) v);
            } else if (v < (1L << 32)) {
                out.writeByte(0xce).writeInt((int) v);
            } else {
                out.writeByte(0xcf).writeLong(v);
            }
        } else if (v >= -32) {
            out.writeByte((int) v);
        } else if (v >= Byte.MIN_VALUE) {
            out.writeByte(0xd0).writeByte((int) v);
        } else if (v >= Short.MIN_VALUE) {
            out.writeByte(0xd1).writeShort((int) v);
        } else if (v >= Integer.MIN_VALUE) {
            out.writeByte(0xd2).writeInt((int) v);
        } else {
            out.writeByte(0xd3).writeLong(v);
        }
    }

    private static void writeBigInteger(BigInteger v, ByteBuf out) {
        if (v.bitLength() <= 63) {
            writeLong(v.longValue(), out);
        } else if (v.signum() > 0 && v.bitLength() <= 64) {
            out.writeByte(0xcf).writeLong(v.longValue());
        } else {
            throw new FpnnException(FpnnErrorCode.CORE_ENCODING, "integer out of the msgpack range");
        }
    }

    private static void writeString(String text, ByteBuf out) {
        int length = ByteBufUtil.utf8Bytes(text);
        if (length < 32) {
            out.writeByte(0xa0 | length);
        } else if (length < 256) {
            out.writeByte(0xd9).writeByte(length);
        } else if (length < 65536) {
            out.writeByte(0xda).writeShort(length);
        } else {
            out.writeByte(0xdb).writeInt(length);
        }
        ByteBufUtil.reserveAndWriteUtf8(out, text, length);
    }

    private static void writeBinary(byte[] bytes, ByteBuf out) {
        int length = bytes.length;
        if (length < 256) {
            out.writeByte(0xc4).writeByte(length);
        } else if (length < 65536) {
            out.writeByte(0xc5).writeShort(length);
        } else {
            out.writeByte(0xc6).writeInt(length);
        }
        out.writeBytes(bytes);
    }

    private static void writeArrayHeader(int size, ByteBuf out) {
        if (size < 16) {
            out.writeByte(0x90 | size);
        } else if (size < 65536) {
            out.writeByte(0xdc).writeShort(size);
        } else {
            out.writeByte(0xdd).writeInt(size);
        }
    }

    // ---- decoding ----------------------------------------------------------

    /** Strings up to this size are decoded through a per-thread scratch array. */
    private static final int SCRATCH_SIZE = 8192;
    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_SIZE];
        }
    };
    /** Keys and method names up to this length are interned. */
    private static final int MAX_INTERNED = 32;
    /**
     * Recently seen ASCII keys and method names, by hash: a racy cache of
     * immutable entries (a lost update only costs a new String), bounded in
     * size. The Strings are {@link String#intern() interned}, so a lookup with
     * a literal key ({@code payload.getLong("mid")}) matches by identity.
     */
    private static final @Nullable Interned[] INTERNED = new Interned[512];

    private record Interned(byte[] bytes, String text) {
    }

    /**
     * The str of {@code length} bytes at {@code index} of {@code buf}, decoded
     * leniently as UTF-8; short ASCII strings come from a shared cache, so that
     * payload keys and method names seen before allocate nothing.
     */
    static String internedString(ByteBuf buf, int index, int length) {
        if (length > MAX_INTERNED) {
            return buf.toString(index, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = SCRATCH.get();
        buf.getBytes(index, bytes, 0, length); // one copy; byte-wise ByteBuf access costs more
        int hash = 0;
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            ascii &= b >= 0;
            hash = 31 * hash + b;
        }
        if (!ascii) {
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        int slot = (hash ^ (hash >>> 16)) & (INTERNED.length - 1);
        Interned cached = INTERNED[slot];
        if (cached != null && Arrays.equals(cached.bytes, 0, cached.bytes.length, bytes, 0, length)) {
            return cached.text;
        }
        Interned fresh = new Interned(Arrays.copyOf(bytes, length),
                new String(bytes, 0, length, StandardCharsets.US_ASCII).intern());
        INTERNED[slot] = fresh;
        return fresh.text;
    }

    /**
     * Reads msgpack straight from the buffer (heap, direct or composite), with
     * every length checked against the bytes actually present before anything
     * is allocated for it.
     */
    private static final class Reader implements PayloadFields {

        private static final int MAP = 0;
        private static final int ARRAY = 1;
        private static final int RAW = 2;

        private final ByteBuf buf;
        private final int end;
        private int pos;

        Reader(ByteBuf buf, int index, int length) {
            this.buf = buf;
            this.pos = index;
            this.end = index + length;
        }

        /** Fields of the top map still to read, for field-by-field reading. */
        private int fieldsLeft;

        /** Reads the top map's header. */
        private int topMapHeader() {
            if (pos >= end || buf.getUnsignedByte(pos) == 0xc0) {
                throw invalid("empty payload");
            }
            int first = buf.getUnsignedByte(pos);
            if (!(first >= 0x80 && first <= 0x8f) && first != 0xde && first != 0xdf) {
                throw invalid("payload is not a map but " + typeName(first));
            }
            int size = mapHeader(readByte());
            require(2L * size, MAP, size);
            return size;
        }

        /** Reads a key of the top map, which must be a str. */
        private String topKey() {
            if (pos >= end) {
                throw truncated();
            }
            int b = buf.getUnsignedByte(pos);
            if (!(b >= 0xa0 && b <= 0xbf) && !(b >= 0xd9 && b <= 0xdb)) {
                throw invalid("payload key is not a str");
            }
            pos++;
            int length = rawLength(b);
            require(length, RAW, length);
            String key = internedString(buf, pos, length);
            pos += length;
            return key;
        }

        void beginFields() {
            fieldsLeft = topMapHeader();
        }

        void endFields() {
            if (pos != end) {
                throw invalid("trailing bytes after the payload map");
            }
        }

        @Override
        public @Nullable String nextKey() {
            if (fieldsLeft == 0) {
                return null;
            }
            fieldsLeft--;
            return topKey();
        }

        @Override
        public boolean skipNil() {
            if (pos < end && buf.getUnsignedByte(pos) == 0xc0) {
                pos++;
                return true;
            }
            return false;
        }

        /** Reads every integer form without boxing it. */
        @Override
        public long readLong(String field) {
            if (pos >= end) {
                throw truncated();
            }
            int b = buf.getUnsignedByte(pos);
            if (b <= 0x7f) {
                pos++;
                return b;
            }
            if (b >= 0xe0) {
                pos++;
                return (byte) b;
            }
            if (b < 0xcc || b > 0xd3) {
                throw wrongType(field, readValue(1), "integer");
            }
            pos++;
            return switch (b) {
                case 0xcc -> readUnsigned(1);
                case 0xcd -> readUnsigned(2);
                case 0xce -> readUnsigned(4);
                case 0xcf -> {
                    long v = readFixed(8);
                    if (v < 0) {
                        throw wrongType(field, BigInteger.ONE, "integer"); // beyond Long.MAX_VALUE
                    }
                    yield v;
                }
                case 0xd0 -> (byte) readUnsigned(1);
                case 0xd1 -> (short) readUnsigned(2);
                case 0xd2 -> (int) readUnsigned(4);
                default -> readFixed(8);
            };
        }

        @Override
        public Object readTextOrBytes(String field) {
            Object value = readValue(1);
            if (value instanceof String || value instanceof byte[]) {
                return value;
            }
            throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, "field '" + field + "' is neither str nor bin");
        }

        @Override
        public String readString(String field) {
            Object value = readValue(1);
            if (value instanceof String text) {
                return text;
            }
            throw wrongType(field, value, "str");
        }

        @Override
        public void skipValue() {
            readValue(1);
        }

        private static FpnnException wrongType(String field, @Nullable Object value, String expected) {
            if (value instanceof BigInteger) {
                return new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT,
                        "field '" + field + "' is an integer beyond the range of a signed 64-bit value");
            }
            return new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT,
                    "field '" + field + "' is " + Payload.typeName(value) + ", expected " + expected);
        }

        Map<String, @Nullable Object> readPayload() {
            int size = topMapHeader();
            SmallMap small = size <= SmallMap.MAX_SIZE ? new SmallMap(size) : null;
            Map<String, @Nullable Object> map = small != null ? small : new LinkedHashMap<>(capacity(size));
            for (int i = 0; i < size; i++) {
                String key = topKey();
                Object value = readValue(1);
                if (small != null) {
                    small.add(key, value);
                } else {
                    map.put(key, value);
                }
            }
            if (pos != end) {
                throw invalid("trailing bytes after the payload map");
            }
            return map;
        }

        private @Nullable Object readValue(int depth) {
            if (depth > MAX_DEPTH) {
                throw invalid("payload nested deeper than " + MAX_DEPTH);
            }
            int b = readByte();
            if (b <= 0x7f) {
                return (long) b;
            }
            if (b >= 0xe0) {
                return (long) (byte) b;
            }
            if (b <= 0x8f) {
                return readMap(b & 0x0f, depth);
            }
            if (b <= 0x9f) {
                return readArray(b & 0x0f, depth);
            }
            if (b <= 0xbf) {
                return readStr(b & 0x1f);
            }
            switch (b) {
                case 0xc0:
                    return null;
                case 0xc2:
                    return Boolean.FALSE;
                case 0xc3:
                    return Boolean.TRUE;
                case 0xc4:
                case 0xc5:
                case 0xc6:
                    return readBin(rawLength(b));
                case 0xc7:
                case 0xc8:
                case 0xc9: {
                    long length = b == 0xc7 ? readUnsigned(1) : b == 0xc8 ? readUnsigned(2) : readUnsigned(4);
                    readUnsigned(1); // the extension type
                    return readBin(length);
                }
                case 0xca:
                    return (double) Float.intBitsToFloat((int) readUnsigned(4));
                case 0xcb:
                    return Double.longBitsToDouble(readFixed(8));
                case 0xcc:
                    return readUnsigned(1);
                case 0xcd:
                    return readUnsigned(2);
                case 0xce:
                    return readUnsigned(4);
                case 0xcf: {
                    long v = readFixed(8);
                    return v >= 0 ? (Object) v : new BigInteger(Long.toUnsignedString(v)); // beyond Long.MAX_VALUE
                }
                case 0xd0:
                    return (long) (byte) readUnsigned(1);
                case 0xd1:
                    return (long) (short) readUnsigned(2);
                case 0xd2:
                    return (long) (int) readUnsigned(4);
                case 0xd3:
                    return readFixed(8);
                case 0xd4:
                case 0xd5:
                case 0xd6:
                case 0xd7:
                case 0xd8:
                    readUnsigned(1); // the extension type
                    return readBin(1L << (b - 0xd4));
                case 0xd9:
                case 0xda:
                case 0xdb:
                    return readStr(rawLength(b));
                case 0xdc:
                    return readArray((long) readUnsigned(2), depth);
                case 0xdd:
                    return readArray(readUnsigned(4), depth);
                case 0xde:
                    return readMap((long) readUnsigned(2), depth);
                case 0xdf:
                    return readMap(readUnsigned(4), depth);
                default:
                    throw invalid("unknown msgpack format byte 0x" + Integer.toHexString(b));
            }
        }

        private Map<@Nullable Object, @Nullable Object> readMap(long size, int depth) {
            require(2L * size, MAP, size);
            Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>(capacity((int) size));
            for (int i = 0; i < size; i++) {
                Object key = readValue(depth + 1);
                map.put(key, readValue(depth + 1));
            }
            return map;
        }

        private List<@Nullable Object> readArray(long size, int depth) {
            require(size, ARRAY, size);
            List<@Nullable Object> list = new ArrayList<>((int) size);
            for (int i = 0; i < size; i++) {
                list.add(readValue(depth + 1));
            }
            return list;
        }

        /** A str: a String when it is valid UTF-8, otherwise its bytes. */
        private Object readStr(long size) {
            require(size, RAW, size);
            int length = (int) size;
            Object value;
            if (length <= SCRATCH_SIZE) {
                byte[] scratch = SCRATCH.get();
                buf.getBytes(pos, scratch, 0, length);
                value = Utf8.isValid(scratch, 0, length) ? new String(scratch, 0, length, StandardCharsets.UTF_8)
                        : Arrays.copyOf(scratch, length);
            } else {
                byte[] bytes = new byte[length];
                buf.getBytes(pos, bytes);
                value = Utf8.isValid(bytes) ? new String(bytes, StandardCharsets.UTF_8) : bytes;
            }
            pos += length;
            return value;
        }

        private byte[] readBin(long size) {
            require(size, RAW, size);
            byte[] bytes = new byte[(int) size];
            buf.getBytes(pos, bytes);
            pos += bytes.length;
            return bytes;
        }

        private int mapHeader(int b) {
            return b <= 0x8f ? b & 0x0f : b == 0xde ? (int) readUnsigned(2) : checkedSize(readUnsigned(4), MAP);
        }

        /** The length of a str or bin whose format byte was {@code b}. */
        private int rawLength(int b) {
            if (b >= 0xa0 && b <= 0xbf) {
                return b & 0x1f;
            }
            return switch (b) {
                case 0xd9, 0xc4 -> (int) readUnsigned(1);
                case 0xda, 0xc5 -> (int) readUnsigned(2);
                default -> checkedSize(readUnsigned(4), RAW);
            };
        }

        private int checkedSize(long size, int kind) {
            require(kind == MAP ? 2 * size : size, kind, size);
            return (int) size;
        }

        private int readByte() {
            if (pos >= end) {
                throw truncated();
            }
            return buf.getUnsignedByte(pos++);
        }

        /** A big-endian unsigned integer of 1, 2 or 4 bytes. */
        private long readUnsigned(int bytes) {
            if (end - pos < bytes) {
                throw truncated();
            }
            long v = switch (bytes) {
                case 1 -> buf.getUnsignedByte(pos);
                case 2 -> buf.getUnsignedShort(pos);
                default -> buf.getUnsignedInt(pos);
            };
            pos += bytes;
            return v;
        }

        private long readFixed(int bytes) {
            if (end - pos < bytes) {
                throw truncated();
            }
            long v = buf.getLong(pos);
            pos += bytes;
            return v;
        }

        /** Fails unless {@code needed} bytes remain; the message is built only on failure. */
        private void require(long needed, int kind, long size) {
            long remaining = end - pos;
            if (needed < 0 || needed > remaining) {
                String what = switch (kind) {
                    case MAP -> "map of " + size + " entries";
                    case ARRAY -> "array of " + size + " items";
                    default -> "str or bin of " + size + " bytes";
                };
                throw invalid(what + " declared, but only " + remaining + " bytes remain");
            }
        }

        private FpnnException truncated() {
            return invalid("payload is not valid msgpack: it ends inside a value");
        }

        private static String typeName(int b) {
            if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) {
                return "INTEGER";
            }
            if (b <= 0x9f && b >= 0x90 || b == 0xdc || b == 0xdd) {
                return "ARRAY";
            }
            if (b <= 0xbf && b >= 0xa0 || b >= 0xd9 && b <= 0xdb) {
                return "STRING";
            }
            return switch (b) {
                case 0xc2, 0xc3 -> "BOOLEAN";
                case 0xc4, 0xc5, 0xc6 -> "BINARY";
                case 0xca, 0xcb -> "FLOAT";
                case 0xc1 -> "RESERVED";
                default -> "EXTENSION";
            };
        }

        private static int capacity(int size) {
            return size < 12 ? 16 : (int) (size / 0.75f) + 1;
        }
    }
}
