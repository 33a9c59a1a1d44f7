package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Answers written while a read is in progress are flushed once, when the read
 * completes, or before the connection closes on a malformed frame.
 */
@ExtendWith(NoLeaks.class)
class FpnnConnectionFlushTest {

    @Test
    void answersToQuestsOfOneReadAreFlushedOnce() {
        AtomicInteger flushes = new AtomicInteger();
        ChannelOutboundHandlerAdapter flushCounter = new ChannelOutboundHandlerAdapter() {
            @Override
            public void flush(ChannelHandlerContext ctx) {
                flushes.incrementAndGet();
                ctx.flush();
            }
        };
        FpnnConnection connection = new FpnnConnection(
                quest -> Payload.builder().put("n", quest.payload().getLong("n")).build(), Duration.ofSeconds(5));
        EmbeddedChannel channel = new EmbeddedChannel(flushCounter, new FpnnFrameDecoder(), new FpnnFrameEncoder(),
                connection);
        int flushesBefore = flushes.get();

        ByteBuf in = Unpooled.buffer();
        for (int n = 1; n <= 3; n++) {
            FpnnFrameEncoder.encode(FpnnFrame.twoWay(n, "q", Payload.builder().put("n", n).build()), in);
        }
        channel.writeInbound(in);

        assertThat(flushes.get() - flushesBefore).isEqualTo(1);
        List<FpnnFrame> answers = readAnswers(channel);
        assertThat(answers).extracting(FpnnFrame::seq).containsExactly(1, 2, 3);
        assertThat(answers).extracting(answer -> answer.payload().getLong("n")).containsExactly(1L, 2L, 3L);

        // outside a read, a quest is flushed at once
        int flushesBeforeQuest = flushes.get();
        connection.sendQuest("ping", Payload.EMPTY);
        assertThat(flushes.get() - flushesBeforeQuest).isEqualTo(1);
        ByteBuf quest = channel.readOutbound();
        quest.release();
        assertThat(in.refCnt()).isZero();
        channel.close();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void answersToQuestsBeforeAMalformedFrameAreSentBeforeTheConnectionCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new FpnnFrameDecoder(), new FpnnFrameEncoder(),
                new FpnnConnection(quest -> Payload.EMPTY, Duration.ofSeconds(5)));
        ByteBuf in = Unpooled.buffer();
        FpnnFrameEncoder.encode(FpnnFrame.twoWay(1, "q", Payload.EMPTY), in);
        FpnnFrameEncoder.encode(FpnnFrame.twoWay(2, "q", Payload.EMPTY), in);
        in.writeBytes(new byte[] {'G', 'E', 'T', ' ', '/', ' ', 'H', 'T', 'T', 'P', '/', '1', '.', '1'});

        channel.writeInbound(in);

        assertThat(channel.isActive()).isFalse();
        assertThat(readAnswers(channel)).extracting(FpnnFrame::seq).containsExactly(1, 2);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static List<FpnnFrame> readAnswers(EmbeddedChannel channel) {
        EmbeddedChannel decoder = new EmbeddedChannel(new FpnnFrameDecoder());
        for (ByteBuf out; (out = channel.readOutbound()) != null; ) {
            decoder.writeInbound(out);
        }
        List<FpnnFrame> frames = new ArrayList<>();
        for (FpnnFrame frame; (frame = decoder.readInbound()) != null; ) {
            frames.add(frame);
        }
        assertThat(decoder.finishAndReleaseAll()).isFalse();
        return frames;
    }
}
