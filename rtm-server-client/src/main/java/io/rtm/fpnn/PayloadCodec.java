package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * msgpack encoding and decoding of FPNN payloads.
 *
 * <p>Decoding goes through msgpack-core, with every length checked against the
 * bytes actually present before anything is allocated for it. Encoding writes
 * straight into the outgoing {@link ByteBuf} in the smallest form of each value,
 * as the public SDKs do (non-negative integers of 2^32 and more as uint64),
 * which avoids an intermediate buffer per frame.
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
    public static Payload decode(ByteBuf buf, int index, int length) {
        // msgpack-core reads a direct ByteBuffer through sun.nio.ch.DirectBuffer, which Java 17
        // does not export (IllegalAccessError), and its stream input allocates an 8 KiB buffer per
        // unpacker: direct and composite buffers are copied once, to exactly the payload's size
        try (MessageUnpacker unpacker = buf.hasArray()
                ? MessagePack.newDefaultUnpacker(buf.array(), buf.arrayOffset() + index, length)
                : MessagePack.newDefaultUnpacker(ByteBufUtil.getBytes(buf, index, length, false))) {
            Reader reader = new Reader(unpacker, length);
            if (unpacker.getNextFormat() == MessageFormat.NIL || !unpacker.hasNext()) {
                throw invalid("empty payload");
            }
            if (unpacker.getNextFormat().getValueType() != org.msgpack.value.ValueType.MAP) {
                throw invalid("payload is not a map but " + unpacker.getNextFormat().getValueType());
            }
            Map<String, Object> map = reader.readTopMap();
            if (unpacker.hasNext()) {
                throw invalid("trailing bytes after the payload map");
            }
            return Payload.wrap(map);
        } catch (MessagePackException | IOException e) {
            throw invalid("payload is not valid msgpack: "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        }
    }

    /** Decodes all readable bytes of {@code buf} (reader index untouched). */
    public static Payload decode(ByteBuf buf) {
        return decode(buf, buf.readerIndex(), buf.readableBytes());
    }

    /** Decodes a byte array holding one msgpack map. */
    public static Payload decode(byte[] bytes) {
        return decode(io.netty.buffer.Unpooled.wrappedBuffer(bytes));
    }

    /** Writes the payload as a msgpack map into {@code out}. */
    public static void encode(Payload payload, ByteBuf out) {
        writeMap(payload.asMap(), out, 0);
    }

    /** Encodes the payload to a fresh byte array. */
    public static byte[] encodeToBytes(Payload payload) {
        ByteBuf buf = io.netty.buffer.Unpooled.buffer();
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

    private static void writeValue(Object value, ByteBuf out, int depth) {
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

    /** Reads values, refusing any length that the remaining input cannot hold. */
    private static final class Reader {

        private final MessageUnpacker unpacker;
        private final int length;

        Reader(MessageUnpacker unpacker, int length) {
            this.unpacker = unpacker;
            this.length = length;
        }

        Map<String, Object> readTopMap() throws IOException {
            int size = unpacker.unpackMapHeader();
            requireRemaining(2L * size, "map of " + size + " entries");
            Map<String, Object> map = new LinkedHashMap<>(capacity(size));
            for (int i = 0; i < size; i++) {
                if (unpacker.getNextFormat().getValueType() != org.msgpack.value.ValueType.STRING) {
                    throw invalid("payload key is not a str");
                }
                String key = readString();
                map.put(key, readValue(1));
            }
            return map;
        }

        private Object readValue(int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw invalid("payload nested deeper than " + MAX_DEPTH);
            }
            MessageFormat format = unpacker.getNextFormat();
            switch (format.getValueType()) {
                case NIL:
                    unpacker.unpackNil();
                    return null;
                case BOOLEAN:
                    return unpacker.unpackBoolean();
                case INTEGER:
                    if (format == MessageFormat.UINT64) {
                        BigInteger big = unpacker.unpackBigInteger();
                        return big.bitLength() <= 63 ? (Object) big.longValue() : big;
                    }
                    return unpacker.unpackLong();
                case FLOAT:
                    return unpacker.unpackDouble();
                case STRING: {
                    int size = unpacker.unpackRawStringHeader();
                    byte[] bytes = readBytes(size);
                    return Utf8.isValid(bytes) ? new String(bytes, StandardCharsets.UTF_8) : bytes;
                }
                case BINARY:
                    return readBytes(unpacker.unpackBinaryHeader());
                case ARRAY: {
                    int size = unpacker.unpackArrayHeader();
                    requireRemaining(size, "array of " + size + " items");
                    List<Object> list = new ArrayList<>(size);
                    for (int i = 0; i < size; i++) {
                        list.add(readValue(depth + 1));
                    }
                    return list;
                }
                case MAP: {
                    int size = unpacker.unpackMapHeader();
                    requireRemaining(2L * size, "map of " + size + " entries");
                    Map<Object, Object> map = new LinkedHashMap<>(capacity(size));
                    for (int i = 0; i < size; i++) {
                        Object key = readValue(depth + 1);
                        map.put(key, readValue(depth + 1));
                    }
                    return map;
                }
                case EXTENSION: {
                    int size = unpacker.unpackExtensionTypeHeader().getLength();
                    return readBytes(size);
                }
                default:
                    throw invalid("unknown msgpack format " + format);
            }
        }

        private String readString() throws IOException {
            int size = unpacker.unpackRawStringHeader();
            byte[] bytes = readBytes(size);
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private byte[] readBytes(int size) throws IOException {
            requireRemaining(size, "str or bin of " + Integer.toUnsignedString(size) + " bytes");
            return unpacker.readPayload(size);
        }

        private void requireRemaining(long needed, String what) {
            long remaining = length - unpacker.getTotalReadBytes();
            if (needed < 0 || needed > remaining) {
                throw invalid(what + " declared, but only " + remaining + " bytes remain");
            }
        }

        private static int capacity(int size) {
            return size < 12 ? 16 : (int) (size / 0.75f) + 1;
        }
    }
}
