package io.rtm.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.Payload;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling: a bare FPNN connection whose quest handler takes the decoded
 * payload and answers it, dispatching nothing (no RtmMessage, no dedup, no
 * thread hand-off). Listens with a {@code setlisten} signed by RtmSigner.
 */
final class DecodeOnlySubject implements Subject {

    private final long projectId;
    private final String secretKey;
    private final PushCounter counter = new PushCounter();
    private EventLoopGroup group;
    private Driver connection;

    DecodeOnlySubject(long projectId, String secretKey) {
        this.projectId = projectId;
        this.secretKey = secretKey;
    }

    @Override
    public void open(int port, long gid) {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("decode-only-io", true),
                NioIoHandler.newFactory());
        connection = new Driver(group, port, projectId, secretKey, this::handle);
        connection.questSync("setlisten", Payload.builder().put("gids", List.of(gid)).build());
    }

    private Payload handle(FpnnQuest quest) {
        Payload push = quest.payload();
        counter.count(push.getString("attrs"));
        return Payload.EMPTY;
    }

    @Override
    public PushCounter counter() {
        return counter;
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
