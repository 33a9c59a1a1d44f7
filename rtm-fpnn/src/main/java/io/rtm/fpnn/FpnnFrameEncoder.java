package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link FpnnFrame}s (protocol section 1): version 1, msgpack flag,
 * little-endian sizes, the sequence number for two-way quests and answers.
 * A payload that cannot be encoded fails that one write, not the pipeline.
 */
@ChannelHandler.Sharable
final class FpnnFrameEncoder extends MessageToByteEncoder<FpnnFrame> {

    FpnnFrameEncoder() {
        super(FpnnFrame.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, FpnnFrame frame, ByteBuf out) {
        encode(frame, out);
    }

    /** The bytes of an empty answer: a 16-byte header and the empty map. */
    static final int EMPTY_ANSWER_SIZE = 17;

    /** Appends the OK answer {@code {}} to the quest with that sequence number. */
    static void encodeEmptyAnswer(int seq, ByteBuf out) {
        out.writeInt(FpnnFrameDecoder.MAGIC);
        out.writeByte(FpnnFrame.VERSION);
        out.writeByte(FpnnFrame.FLAG_MSGPACK);
        out.writeByte(FrameType.ANSWER.code());
        out.writeByte(0);
        out.writeIntLE(1);
        out.writeIntLE(seq);
        out.writeByte(0x80);
    }

    /** Appends the frame's bytes to {@code out}. */
    static void encode(FpnnFrame frame, ByteBuf out) {
        int start = out.writerIndex();
        out.writeInt(FpnnFrameDecoder.MAGIC);
        out.writeByte(FpnnFrame.VERSION);
        out.writeByte(FpnnFrame.FLAG_MSGPACK);
        out.writeByte(frame.type().code());
        int methodLength = frame.isQuest() ? ByteBufUtil.utf8Bytes(frame.method()) : 0;
        out.writeByte(frame.isQuest() ? methodLength : frame.status());
        int sizeIndex = out.writerIndex();
        out.writeIntLE(0);
        if (frame.type() != FrameType.ONEWAY) {
            out.writeIntLE(frame.seq());
        }
        if (frame.isQuest()) {
            ByteBufUtil.reserveAndWriteUtf8(out, frame.method(), methodLength);
        }
        int payloadStart = out.writerIndex();
        try {
            PayloadCodec.encode(frame.payload(), out);
        } catch (RuntimeException e) {
            out.writerIndex(start);
            throw e;
        }
        out.setIntLE(sizeIndex, out.writerIndex() - payloadStart);
    }
}
