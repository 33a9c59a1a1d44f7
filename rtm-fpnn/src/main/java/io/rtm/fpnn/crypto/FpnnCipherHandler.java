package io.rtm.fpnn.crypto;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.EncoderException;
import io.rtm.fpnn.FpnnProtocolException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CFBBlockCipher;
import org.bouncycastle.crypto.modes.CFBModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The encryption layer of an FPNN connection (protocol section 9), placed
 * below the frame codec so that the codec sees plain frames: AES-CFB with
 * 128-bit feedback, the same key and IV in both directions.
 *
 * <ul>
 * <li>Package mode: every frame is enciphered on its own from the IV and sent
 *     as a 4-byte little-endian length and the ciphertext. An outbound buffer
 *     may hold several whole frames back to back (the answers of one read):
 *     each becomes its own package. A buffer that ends inside a frame fails
 *     its write. Inbound, the length is checked against the largest frame
 *     before anything is allocated.</li>
 * <li>Stream mode: each direction is one continuous CFB stream.</li>
 * </ul>
 *
 * Decrypted input that does not start with the FPNN magic (every package;
 * the first bytes of a stream) is a {@link FpnnProtocolException} naming the
 * likely cause, a wrong key or curve, and the rest of the input is dropped.
 * Input is deciphered into a new heap buffer and released.
 *
 * <p>On the client, the handler goes into the pipeline before the connection
 * is active with {@link #forClient}: its first outbound frame, which must be
 * the {@code *key} quest, passes in plain and everything after it is
 * enciphered; the answer to {@code *key} is already deciphered. On the
 * gateway it is added with {@link #forGateway} while the {@code *key} quest is
 * being served, before the answer is written. One handler per channel, on its
 * event loop.
 */
public final class FpnnCipherHandler extends CombinedChannelDuplexHandler<FpnnCipherHandler.Decrypter,
        FpnnCipherHandler.Encrypter> {

    /** The pipeline name the client and the gateway use. */
    public static final String NAME = "fpnn-cipher";

    /** Header (16), method name (255 at most) on top of the payload: the largest frame beyond its payload. */
    static final int MAX_FRAME_OVERHEAD = 16 + 255;
    private static final int MAGIC = 0x46504e4e; // "FPNN", big-endian
    private static final int CHUNK = 8192;
    private static final byte[] KEY_METHOD = FpnnKeyExchange.KEY_METHOD.getBytes(StandardCharsets.US_ASCII);

    private FpnnCipherHandler(FpnnCipherKeys keys, boolean streamMode, int maxPayloadSize, boolean firstWritePlain) {
        if (maxPayloadSize < 1) {
            throw new IllegalArgumentException("maxPayloadSize must be positive: " + maxPayloadSize);
        }
        long maxPackage = (long) maxPayloadSize + MAX_FRAME_OVERHEAD;
        init(new Decrypter(keys, streamMode, (int) Math.min(Integer.MAX_VALUE - 4, maxPackage), firstWritePlain),
                new Encrypter(keys, streamMode, firstWritePlain));
    }

    /**
     * Client only: whether the peer answered in plain (its input began with
     * the FPNN magic, undeciphered). A gateway that refuses {@code *key}
     * answers with a plain error; that input is passed on as it is, so that
     * the error answer reaches the connection, which must then be closed.
     * Read it on the event loop, once the answer to {@code *key} has arrived.
     *
     * @return whether the peer's input began in plain
     */
    public boolean peerAnsweredInPlain() {
        return inboundHandler().plain;
    }

    /**
     * The client's handler: the first outbound frame passes in plain and must be
     * the {@code *key} quest; any other first frame fails its write and closes the channel.
     *
     * @param exchange       this connection's key exchange, whose keys and mode the handler takes
     * @param maxPayloadSize the largest payload accepted from the peer, as the frame decoder's
     * @return the handler, to go into the pipeline before the frame codec
     * @throws IllegalArgumentException when {@code maxPayloadSize} is not positive
     */
    public static FpnnCipherHandler forClient(FpnnKeyExchange exchange, int maxPayloadSize) {
        return new FpnnCipherHandler(exchange.keys(), exchange.streamMode(), maxPayloadSize, true);
    }

    /**
     * The gateway's handler, added once the {@code *key} quest was read: everything after it is enciphered.
     *
     * @param keys           the keys derived from the client's public point
     * @param streamMode     stream mode as the client asked; package mode otherwise
     * @param maxPayloadSize the largest payload accepted from the peer, as the frame decoder's
     * @return the handler, to go into the pipeline before the frame decoder
     * @throws IllegalArgumentException when {@code maxPayloadSize} is not positive
     */
    public static FpnnCipherHandler forGateway(FpnnCipherKeys keys, boolean streamMode, int maxPayloadSize) {
        return new FpnnCipherHandler(keys, streamMode, maxPayloadSize, false);
    }

    private static CFBModeCipher cipher(FpnnCipherKeys keys, boolean encrypt) {
        CFBModeCipher cipher = CFBBlockCipher.newInstance(AESEngine.newInstance(), 128);
        cipher.init(encrypt, new ParametersWithIV(new KeyParameter(keys.keyRef()), keys.ivRef()));
        return cipher;
    }

    /** Runs {@code length} bytes of {@code src} from {@code index} through the cipher and appends them to {@code dst}. */
    private static void transform(CFBModeCipher cipher, ByteBuf src, int index, int length, ByteBuf dst) {
        dst.ensureWritable(length);
        if (src.hasArray() && dst.hasArray()) {
            cipher.processBytes(src.array(), src.arrayOffset() + index, length,
                    dst.array(), dst.arrayOffset() + dst.writerIndex());
            dst.writerIndex(dst.writerIndex() + length);
            return;
        }
        byte[] chunk = new byte[Math.min(length, CHUNK)];
        for (int done = 0; done < length; ) {
            int n = Math.min(chunk.length, length - done);
            src.getBytes(index + done, chunk, 0, n);
            cipher.processBytes(chunk, 0, n, chunk, 0);
            dst.writeBytes(chunk, 0, n);
            done += n;
        }
    }

    private static FpnnProtocolException undecryptable(ChannelHandlerContext ctx, String what) {
        return new FpnnProtocolException("cannot decrypt the input from " + ctx.channel().remoteAddress() + ": "
                + what + " is not an FPNN frame once deciphered (wrong public key or curve, or not an"
                + " encrypted peer?)");
    }

    /** Inbound: deciphers packages or the stream. */
    static final class Decrypter extends ByteToMessageDecoder {

        private final CFBModeCipher cipher;
        private final boolean streamMode;
        private final int maxPackage;
        private final boolean allowPlainRefusal;
        private boolean streamChecked;
        private boolean sawInput;
        private boolean plain;
        private boolean failed;

        Decrypter(FpnnCipherKeys keys, boolean streamMode, int maxPackage, boolean allowPlainRefusal) {
            this.cipher = cipher(keys, false);
            this.streamMode = streamMode;
            this.maxPackage = maxPackage;
            this.allowPlainRefusal = allowPlainRefusal;
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (failed) {
                in.skipBytes(in.readableBytes());
                return;
            }
            if (!sawInput) {
                if (in.readableBytes() < 4) {
                    return;
                }
                sawInput = true;
                plain = allowPlainRefusal && in.getInt(in.readerIndex()) == MAGIC;
            }
            if (plain) {
                out.add(in.readRetainedSlice(in.readableBytes()));
                return;
            }
            try {
                if (streamMode) {
                    decodeStream(ctx, in, out);
                } else {
                    decodePackage(ctx, in, out);
                }
            } catch (FpnnProtocolException e) {
                failed = true;
                in.skipBytes(in.readableBytes());
                throw e;
            }
        }

        private void decodePackage(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            if (in.readableBytes() < 4) {
                return;
            }
            long length = in.getUnsignedIntLE(in.readerIndex());
            if (length == 0 || length > maxPackage) {
                throw new FpnnProtocolException("encrypted package of " + length + " bytes from "
                        + ctx.channel().remoteAddress() + " is outside 1.." + maxPackage
                        + " (wrong encryption mode, or not an encrypted peer?)");
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            int size = (int) length;
            ByteBuf plain = ctx.alloc().heapBuffer(size, size);
            try {
                cipher.reset();
                transform(cipher, in, in.readerIndex() + 4, size, plain);
                in.skipBytes(4 + size);
                if (size < 4 || plain.getInt(plain.readerIndex()) != MAGIC) {
                    throw undecryptable(ctx, "a package");
                }
                out.add(plain);
                plain = null;
            } finally {
                if (plain != null) {
                    plain.release();
                }
            }
        }

        private void decodeStream(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
            int size = in.readableBytes();
            if (size == 0 || (!streamChecked && size < 4)) {
                return;
            }
            ByteBuf plain = ctx.alloc().heapBuffer(size, size);
            try {
                transform(cipher, in, in.readerIndex(), size, plain);
                in.skipBytes(size);
                if (!streamChecked) {
                    if (plain.getInt(plain.readerIndex()) != MAGIC) {
                        throw undecryptable(ctx, "the stream");
                    }
                    streamChecked = true;
                }
                out.add(plain);
                plain = null;
            } finally {
                if (plain != null) {
                    plain.release();
                }
            }
        }
    }

    /** Outbound: enciphers every buffer, frame by frame as packages or into the stream. */
    static final class Encrypter extends ChannelOutboundHandlerAdapter {

        private final CFBModeCipher cipher;
        private final boolean streamMode;
        private boolean plainWritePending;

        Encrypter(FpnnCipherKeys keys, boolean streamMode, boolean firstWritePlain) {
            this.cipher = cipher(keys, true);
            this.streamMode = streamMode;
            this.plainWritePending = firstWritePlain;
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (!(msg instanceof ByteBuf buf)) {
                ctx.write(msg, promise);
                return;
            }
            int size = buf.readableBytes();
            if (size == 0) {
                ctx.write(buf, promise);
                return;
            }
            if (plainWritePending) {
                plainWritePending = false;
                if (!isKeyQuest(buf)) {
                    buf.release();
                    promise.setFailure(new IllegalStateException(
                            "the first quest of an encrypted connection must be '*key'"));
                    ctx.close();
                    return;
                }
                ctx.write(buf, promise);
                return;
            }
            int packages = streamMode ? 0 : frameCount(buf);
            if (packages < 0) {
                buf.release();
                promise.setFailure(new EncoderException("an outbound buffer of " + size
                        + " bytes does not hold whole FPNN frames: package mode enciphers frame by frame"));
                return;
            }
            ByteBuf cipherText = null;
            try {
                cipherText = ctx.alloc().heapBuffer(size + 4 * packages);
                if (streamMode) {
                    transform(cipher, buf, buf.readerIndex(), size, cipherText);
                } else {
                    for (int index = buf.readerIndex(); index < buf.writerIndex(); ) {
                        int length = (int) frameLength(buf, index);
                        cipherText.writeIntLE(length);
                        cipher.reset();
                        transform(cipher, buf, index, length, cipherText);
                        index += length;
                    }
                }
            } catch (RuntimeException e) {
                if (cipherText != null) {
                    cipherText.release();
                }
                promise.setFailure(e);
                return;
            } finally {
                buf.release();
            }
            ctx.write(cipherText, promise);
        }

        /** How many whole frames the readable bytes hold, back to back; -1 when they end inside one. */
        private static int frameCount(ByteBuf buf) {
            int count = 0;
            for (int index = buf.readerIndex(); index < buf.writerIndex(); count++) {
                long length = frameLength(buf, index);
                if (length < 0) {
                    return -1;
                }
                index += (int) length;
            }
            return count;
        }

        /**
         * The length of the frame at {@code index}, from its header (protocol
         * section 1): 12 bytes for a one-way quest, 16 for a two-way quest or
         * an answer, the method of a quest, then the payload; -1 when the bytes
         * there are not a frame header or the buffer ends inside the frame.
         */
        private static long frameLength(ByteBuf buf, int index) {
            int available = buf.writerIndex() - index;
            if (available < 12 || buf.getInt(index) != MAGIC) {
                return -1;
            }
            int mtype = buf.getUnsignedByte(index + 6);
            if (mtype > 2) {
                return -1;
            }
            int method = mtype == 2 ? 0 : buf.getUnsignedByte(index + 7);
            long length = (mtype == 0 ? 12 : 16) + method + buf.getUnsignedIntLE(index + 8);
            return length <= available ? length : -1;
        }

        /** A two-way quest frame whose method is {@code *key}. */
        private static boolean isKeyQuest(ByteBuf buf) {
            int start = buf.readerIndex();
            if (buf.readableBytes() < 16 + KEY_METHOD.length || buf.getInt(start) != MAGIC
                    || buf.getUnsignedByte(start + 6) != 1 || buf.getUnsignedByte(start + 7) != KEY_METHOD.length) {
                return false;
            }
            for (int i = 0; i < KEY_METHOD.length; i++) {
                if (buf.getByte(start + 16 + i) != KEY_METHOD[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
