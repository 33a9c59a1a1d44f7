package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.function.Function;

/**
 * Splits the inbound byte stream into FPNN frames (protocol section 1) for the
 * {@link FpnnConnection} behind it; {@link FpnnPipeline#install} puts it on the
 * channel, one per channel, and it runs on the channel's event loop.
 *
 * <p>The header is checked as soon as its bytes arrive: magic, version 0 or 1,
 * the msgpack flag, the frame type, a method length of at least one byte for
 * quests, and a payload size between 1 and the configured maximum. Anything
 * else is a {@link FpnnProtocolException}; the rest of the input is then
 * discarded, since framing can no longer be trusted. Payload bytes are decoded
 * in place, without copying the frame.
 */
public final class FpnnFrameDecoder extends ByteToMessageDecoder {

    /** The default maximum payload: 8 MiB, the FPNN C++ server's frame cap. */
    public static final int DEFAULT_MAX_PAYLOAD_SIZE = 8 * 1024 * 1024;

    static final int MAGIC = 0x46504e4e; // "FPNN", read big-endian
    private static final int BASE_HEADER = 12;

    private final int maxPayloadSize;
    private final Function<String, PayloadFields.@Nullable Reader<?>> fieldReaders;
    private boolean failed;

    FpnnFrameDecoder() {
        this(DEFAULT_MAX_PAYLOAD_SIZE);
    }

    FpnnFrameDecoder(int maxPayloadSize) {
        this(maxPayloadSize, method -> null);
    }

    /**
     * @param maxPayloadSize the largest payload accepted, in bytes
     * @param fieldReaders   for a quest's method, the reader that takes its payload
     *        straight into an object ({@link FpnnFrame#body()}), or {@code null} to decode a {@link Payload}
     */
    FpnnFrameDecoder(int maxPayloadSize, Function<String, PayloadFields.@Nullable Reader<?>> fieldReaders) {
        if (maxPayloadSize < 1) {
            throw new IllegalArgumentException("maxPayloadSize must be positive: " + maxPayloadSize);
        }
        this.maxPayloadSize = maxPayloadSize;
        this.fieldReaders = fieldReaders;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            FpnnFrame frame = decodeFrame(in);
            if (frame != null) {
                out.add(frame);
            }
        } catch (FpnnProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    private @Nullable FpnnFrame decodeFrame(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        if (readable >= 4 && in.getInt(start) != MAGIC) {
            throw new FpnnProtocolException("bad magic 0x" + Integer.toHexString(in.getInt(start)) + ", not FPNN");
        }
        if (readable < BASE_HEADER) {
            return null;
        }
        int version = in.getUnsignedByte(start + 4);
        int flag = in.getUnsignedByte(start + 5);
        int mtype = in.getUnsignedByte(start + 6);
        int ss = in.getUnsignedByte(start + 7);
        long payloadSize = in.getUnsignedIntLE(start + 8);
        if (version > 1) {
            throw new FpnnProtocolException("unsupported FPNN version " + version);
        }
        if ((flag & FpnnFrame.FLAG_JSON) != 0) {
            throw new FpnnProtocolException("JSON payloads are not supported, only msgpack (flag 0x"
                    + Integer.toHexString(flag) + ")");
        }
        if ((flag & FpnnFrame.FLAG_MSGPACK) == 0) {
            throw new FpnnProtocolException("unknown payload encoding flag 0x" + Integer.toHexString(flag));
        }
        FrameType type = FrameType.of(mtype);
        if (type == null) {
            throw new FpnnProtocolException("unknown frame type " + mtype);
        }
        if (payloadSize == 0) {
            throw new FpnnProtocolException("payload size 0: a payload is at least an empty map");
        }
        if (payloadSize > maxPayloadSize) {
            throw new FpnnProtocolException("payload of " + payloadSize + " bytes exceeds the maximum of "
                    + maxPayloadSize);
        }
        int methodLength = type == FrameType.ANSWER ? 0 : ss;
        if (type != FrameType.ANSWER && methodLength == 0) {
            throw new FpnnProtocolException("quest without a method name");
        }
        int headerLength = type == FrameType.ONEWAY ? BASE_HEADER : BASE_HEADER + 4;
        long frameLength = headerLength + methodLength + payloadSize;
        if (readable < frameLength) {
            return null;
        }
        int seq = type == FrameType.ONEWAY ? 0 : in.getIntLE(start + BASE_HEADER);
        String method = methodLength == 0 ? null
                : PayloadCodec.internedString(in, start + headerLength, methodLength);
        int payloadStart = start + headerLength + methodLength;
        PayloadFields.@Nullable Reader<?> fieldReader = method == null ? null : fieldReaders.apply(method);
        Payload payload = null;
        Object body = null;
        FpnnException payloadError = null;
        try {
            if (fieldReader == null) {
                payload = PayloadCodec.decode(in, payloadStart, (int) payloadSize);
            } else {
                body = PayloadCodec.decode(in, payloadStart, (int) payloadSize, fieldReader);
            }
        } catch (FpnnException e) {
            payloadError = e;
        }
        in.skipBytes((int) frameLength);
        return FpnnFrame.decoded(type, seq, method, type == FrameType.ANSWER ? ss : 0, payload, body, payloadError);
    }
}
