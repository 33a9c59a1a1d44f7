package io.rtm.test;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.FpnnFrameDecoder;
import io.rtm.fpnn.FpnnPipeline;
import io.rtm.fpnn.Payload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A bare FPNN client for the gateway tests: sends signed or unsigned quests,
 * records the pushes it receives and answers them with {@code {}} unless told
 * not to.
 */
final class TestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A quest the gateway sent to this client. */
    record Push(String method, Payload payload) {
    }

    private final FpnnConnection connection;
    private final long projectId;
    private final String secretKey;
    private final AtomicLong salts = new AtomicLong(System.nanoTime());
    private final BlockingQueue<Push> pushes = new LinkedBlockingQueue<>(1_000_000);
    private volatile boolean answering = true;
    private volatile int errorCode;

    private TestClient(EventLoopGroup group, String host, int port, long projectId, String secretKey) {
        this.projectId = projectId;
        this.secretKey = secretKey;
        this.connection = new FpnnConnection(quest -> {
            if (!pushes.offer(new Push(quest.method(), quest.payload()))) {
                throw new IllegalStateException("test client push queue full");
            }
            if (errorCode != 0) {
                throw new FpnnException(errorCode, "refused by the test client");
            }
            return answering ? Payload.EMPTY : null;
        }, TIMEOUT);
        ChannelFuture connect = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        FpnnPipeline.install(channel.pipeline(), FpnnFrameDecoder.DEFAULT_MAX_PAYLOAD_SIZE,
                                connection);
                    }
                })
                .connect(host, port)
                .awaitUninterruptibly();
        if (!connect.isSuccess()) {
            throw new IllegalStateException("cannot connect to " + host + ":" + port, connect.cause());
        }
    }

    /** Connects with the server's own credentials. */
    static TestClient connect(EventLoopGroup group, RtmTestServer server) {
        return new TestClient(group, server.host(), server.port(), server.projectId(), server.secretKey());
    }

    static TestClient connect(EventLoopGroup group, RtmTestServer server, long projectId, String secretKey) {
        return new TestClient(group, server.host(), server.port(), projectId, secretKey);
    }

    /** Sends a signed quest and waits for its OK answer; an error answer is thrown as FpnnException. */
    Payload quest(String method, Payload fields) {
        return unsigned(method, signed(method, fields));
    }

    /** Sends the payload as it is and waits for the OK answer. */
    Payload unsigned(String method, Payload payload) {
        return await(connection.sendQuest(method, payload, TIMEOUT));
    }

    /** Sends the payload as it is and returns the error code of its answer; fails on an OK answer. */
    int errorOf(String method, Payload payload) {
        try {
            Payload answer = unsigned(method, payload);
            throw new AssertionError("expected an error answer to " + method + ", got " + answer.asMap());
        } catch (FpnnException e) {
            return e.code();
        }
    }

    /** Signs the fields, then returns the error code of the answer. */
    int signedErrorOf(String method, Payload fields) {
        return errorOf(method, signed(method, fields));
    }

    CompletableFuture<Payload> send(String method, Payload payload, Duration timeout) {
        return connection.sendQuest(method, payload, timeout);
    }

    static Payload await(CompletableFuture<Payload> answer) {
        try {
            return answer.get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof FpnnException fpnn) {
                throw fpnn;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    /** The next push received, waiting for it. */
    Push nextPush() {
        try {
            Push push = pushes.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (push == null) {
                throw new AssertionError("no push within " + TIMEOUT);
            }
            return push;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The pushes received and not yet taken. */
    List<Push> drainPushes() {
        List<Push> drained = new ArrayList<>();
        pushes.drainTo(drained);
        return drained;
    }

    int pendingPushes() {
        return pushes.size();
    }

    void answering(boolean answering) {
        this.answering = answering;
    }

    /** Answers every push with this error code from now on; 0 answers OK again. */
    void answerWithError(int code) {
        this.errorCode = code;
    }

    void writeRaw(byte[] bytes) {
        channel().writeAndFlush(Unpooled.copiedBuffer(bytes)).awaitUninterruptibly();
    }

    Channel channel() {
        return connection.channel();
    }

    boolean isActive() {
        return connection.isActive();
    }

    /** The fields with {@code pid}, {@code sign}, a fresh {@code salt} and {@code ts} added (protocol section 5). */
    Payload signed(String method, Payload fields) {
        long salt = salts.incrementAndGet();
        long ts = System.currentTimeMillis() / 1000;
        return Payload.builder()
                .putAll(fields)
                .put("pid", projectId)
                .put("sign", Signatures.sign(projectId, secretKey, salt, method, ts))
                .put("salt", salt)
                .put("ts", ts)
                .build();
    }

    @Override
    public void close() {
        connection.close();
        Channel channel = connection.channel();
        if (channel != null) {
            channel.closeFuture().awaitUninterruptibly();
        }
    }
}
