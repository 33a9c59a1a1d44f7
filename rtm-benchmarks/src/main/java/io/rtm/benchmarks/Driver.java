package io.rtm.benchmarks;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.rtm.client.RtmSigner;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnFrameDecoder;
import io.rtm.fpnn.FpnnPipeline;
import io.rtm.fpnn.FpnnQuestHandler;
import io.rtm.fpnn.Payload;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A raw FPNN connection to the gateway, sending signed quests. Used to start
 * floods and read {@code bench.stats} ({@link BenchQuests}), and as the
 * {@code decodeOnly} client.
 */
final class Driver implements AutoCloseable {

    static final Duration QUEST_TIMEOUT = Duration.ofMinutes(5);

    private final FpnnConnection connection;
    private final RtmSigner signer;

    Driver(EventLoopGroup group, int port, long projectId, String secretKey, FpnnQuestHandler handler) {
        this.signer = new RtmSigner(projectId, secretKey);
        this.connection = new FpnnConnection(handler, QUEST_TIMEOUT);
        new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<NioSocketChannel>() {
                    @Override
                    protected void initChannel(NioSocketChannel ch) {
                        FpnnPipeline.install(ch.pipeline(), FpnnFrameDecoder.DEFAULT_MAX_PAYLOAD_SIZE, connection);
                    }
                })
                .connect("127.0.0.1", port)
                .syncUninterruptibly();
    }

    CompletableFuture<Payload> quest(String method, Payload fields) {
        return send(method, signer.signed(method, fields));
    }

    /** Sends the payload as it is, unsigned. */
    CompletableFuture<Payload> send(String method, Payload payload) {
        return connection.sendQuest(method, payload);
    }

    Payload questSync(String method, Payload fields) {
        try {
            return quest(method, fields).get(QUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(method + " failed: " + e, e);
        }
    }

    /** Starts a flood of group messages; completes with the gateway's answer once all are written. */
    CompletableFuture<Payload> flood(long gid, int count, int size, long rate) {
        return quest(BenchQuests.FLOOD, Payload.builder()
                .put("kind", "group").put("to", gid).put("count", count).put("size", size)
                .put("mtype", 51).put("rate", rate).build());
    }

    @Override
    public void close() {
        connection.close();
    }
}
