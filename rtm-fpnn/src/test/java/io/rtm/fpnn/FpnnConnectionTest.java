package io.rtm.fpnn;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/** FpnnConnection, FpnnPipeline and FpnnKeepAlive over real loopback sockets. */
@ExtendWith(NoLeaks.class)
class FpnnConnectionTest {

    private static final String THREAD_PREFIX = "fpnn-conn-test";
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static EventLoopGroup group;

    private Channel server;
    private final BlockingQueue<FpnnConnection> serverConnections = new LinkedBlockingQueue<>();
    private final List<FpnnConnection> allServerConnections = Collections.synchronizedList(new ArrayList<>());
    private final List<Channel> clients = new ArrayList<>();
    /** What the server does with quests from clients; replaced by the tests. */
    private volatile FpnnQuestHandler serverHandler = quest -> Payload.EMPTY;

    @BeforeAll
    static void startGroup() {
        group = new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory(THREAD_PREFIX), NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopGroup() throws InterruptedException {
        assertThat(group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(WAIT.toMillis())).isTrue();
        assertThat(group.isTerminated()).isTrue();
        await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith(THREAD_PREFIX)));
    }

    @BeforeEach
    void startServer() {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        FpnnConnection connection = new FpnnConnection(quest -> serverHandler.handle(quest),
                                Duration.ofSeconds(5));
                        FpnnPipeline.install(channel.pipeline(), FpnnFrameDecoder.DEFAULT_MAX_PAYLOAD_SIZE, connection);
                        allServerConnections.add(connection);
                        serverConnections.add(connection);
                    }
                })
                .bind(InetAddress.getLoopbackAddress(), 0).syncUninterruptibly().channel();
    }

    @AfterEach
    void stopServer() {
        for (Channel client : clients) {
            client.close().syncUninterruptibly();
        }
        for (FpnnConnection connection : allServerConnections) {
            connection.close();
        }
        server.close().syncUninterruptibly();
        for (FpnnConnection connection : allServerConnections) {
            connection.channel().closeFuture().syncUninterruptibly();
        }
    }

    // ---- quests from the client -------------------------------------------

    @Test
    void twoWayQuestIsAnswered() throws Exception {
        serverHandler = quest -> Payload.builder().put("method", quest.method())
                .put("echo", quest.payload().getString("x")).build();
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        Payload answer = client.sendQuest("echo", Payload.builder().put("x", "héllo").build()).get(5, TimeUnit.SECONDS);
        assertThat(answer.getString("method")).isEqualTo("echo");
        assertThat(answer.getString("echo")).isEqualTo("héllo");
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void concurrentQuestsAnsweredInReverseOrderAreCorrelatedBySeq() throws Exception {
        int count = 64;
        List<FpnnQuest> held = new ArrayList<>();
        serverHandler = quest -> {
            // the handler runs on the server connection's event loop: no locking needed
            held.add(quest);
            if (held.size() == count) {
                for (int i = count - 1; i >= 0; i--) {
                    FpnnQuest q = held.get(i);
                    q.answer(Payload.builder().put("n", q.payload().getLong("n")).build());
                }
            }
            return null;
        };
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        List<CompletableFuture<Payload>> answers = Collections.synchronizedList(new ArrayList<>(
                Collections.nCopies(count, null)));
        ExecutorService senders = Executors.newFixedThreadPool(4);
        try {
            for (int i = 0; i < count; i++) {
                int n = i;
                senders.execute(() -> answers.set(n,
                        client.sendQuest("numbered", Payload.builder().put("n", n).build())));
            }
        } finally {
            senders.shutdown();
            assertThat(senders.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        for (int i = 0; i < count; i++) {
            assertThat(answers.get(i).get(5, TimeUnit.SECONDS).getLong("n")).isEqualTo(i);
        }
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void errorAnswerFailsTheQuestWithItsCodeAndMessage() {
        serverHandler = quest -> {
            throw new FpnnException(200002, "invalid sign");
        };
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        FpnnException e = failure(client.sendQuest("addlisten", Payload.EMPTY));
        assertThat(e.code()).isEqualTo(200002);
        assertThat(e.reason()).isEqualTo("invalid sign");
        assertThat(client.isActive()).isTrue();
    }

    @Test
    void unansweredQuestTimesOutAndALateAnswerIsIgnored() throws Exception {
        BlockingQueue<FpnnQuest> held = new LinkedBlockingQueue<>();
        serverHandler = holdingSilentQuests(held);
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        FpnnException e = failure(client.sendQuest("silent", Payload.EMPTY, Duration.ofMillis(200)));
        assertThat(e.code()).isEqualTo(FpnnErrorCode.CORE_TIMEOUT);
        assertThat(e.reason()).contains("silent");
        assertThat(client.pendingCount()).isZero();

        held.poll(5, TimeUnit.SECONDS).answer(Payload.builder().put("late", true).build());
        Payload next = client.sendQuest("next", Payload.EMPTY).get(5, TimeUnit.SECONDS);
        assertThat(next.getBoolean("ok")).isTrue();
        assertThat(client.isActive()).isTrue();
    }

    @Test
    void anAnswerThatCannotBeEncodedBecomesAnErrorAnswerAndTheConnectionStays() throws Exception {
        Payload unencodable = nestedTooDeep();
        serverHandler = quest -> quest.method().equals("deep") ? unencodable : Payload.builder().put("ok", true).build();
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        CompletableFuture<Payload> refused = client.sendQuest("deep", Payload.EMPTY, Duration.ofSeconds(5));
        assertThat(failure(refused).code()).isEqualTo(FpnnErrorCode.CORE_ENCODING);
        assertThat(client.sendQuest("next", Payload.EMPTY).get(5, TimeUnit.SECONDS).getBoolean("ok")).isTrue();
        assertThat(client.isActive()).isTrue();
    }

    /** Keeps quests named 'silent' unanswered in {@code held}; answers any other with {@code ok}. */
    private static FpnnQuestHandler holdingSilentQuests(BlockingQueue<FpnnQuest> held) {
        return quest -> {
            if (quest.method().equals("silent")) {
                held.add(quest);
                return null;
            }
            return Payload.builder().put("ok", true).build();
        };
    }

    /** A payload nested one level deeper than the codec writes. */
    private static Payload nestedTooDeep() {
        Object deep = List.of();
        for (int i = 0; i <= PayloadCodec.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        return Payload.builder().put("v", deep).build();
    }

    @Test
    void aDeferredAnswerThatCannotBeEncodedBecomesAnErrorAnswerToo() throws Exception {
        Payload unencodable = nestedTooDeep();
        serverHandler = quest -> {
            new Thread(() -> quest.answer(unencodable)).start();
            return null;
        };
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        CompletableFuture<Payload> refused = client.sendQuest("deep", Payload.EMPTY, Duration.ofSeconds(5));
        assertThat(failure(refused).code()).isEqualTo(FpnnErrorCode.CORE_ENCODING);
    }

    @Test
    void questsSentOnTheEventLoopTimeOutToo() throws Exception {
        BlockingQueue<FpnnQuest> held = new LinkedBlockingQueue<>();
        serverHandler = holdingSilentQuests(held);
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        // sent from the event loop, as a gateway sends its pushes: bucketed timeouts
        CompletableFuture<Payload> silent = client.channel().eventLoop()
                .submit(() -> client.sendQuest("silent", Payload.EMPTY, Duration.ofMillis(200))).get(5, TimeUnit.SECONDS);
        CompletableFuture<Payload> answered = client.channel().eventLoop()
                .submit(() -> client.sendQuest("answered", Payload.EMPTY, Duration.ofMillis(200)))
                .get(5, TimeUnit.SECONDS);
        assertThat(answered.get(5, TimeUnit.SECONDS).getBoolean("ok")).isTrue();
        FpnnException e = failure(silent);
        assertThat(e.code()).isEqualTo(FpnnErrorCode.CORE_TIMEOUT);
        assertThat(e.reason()).contains("silent");
        assertThat(client.pendingCount()).isZero();
        assertThat(answered).isCompletedWithValueMatching(p -> p.getBoolean("ok"));
        held.poll(5, TimeUnit.SECONDS).answer(Payload.EMPTY);
    }

    @Test
    void peerClosingFailsPendingQuestsWithConnectionClosed() {
        BlockingQueue<FpnnQuest> held = new LinkedBlockingQueue<>();
        serverHandler = quest -> {
            held.add(quest);
            return null;
        };
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        List<CompletableFuture<Payload>> pending = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pending.add(client.sendQuest("q" + i, Payload.EMPTY, Duration.ofSeconds(30)));
        }
        await().atMost(WAIT).until(() -> held.size() == 3);
        assertThat(client.pendingCount()).isEqualTo(3);

        held.peek().connection().close();

        for (CompletableFuture<Payload> quest : pending) {
            assertThat(failure(quest).code()).isEqualTo(FpnnErrorCode.CORE_CONNECTION_CLOSED);
        }
        assertThat(client.pendingCount()).isZero();
        await().atMost(WAIT).until(() -> !client.isActive());
    }

    @Test
    void sendingWhileNotConnectedFailsWithInvalidConnection() {
        FpnnConnection detached = new FpnnConnection(quest -> Payload.EMPTY, Duration.ofSeconds(1));
        assertThat(failure(detached.sendQuest("q", Payload.EMPTY)).code())
                .isEqualTo(FpnnErrorCode.CORE_INVALID_CONNECTION);
        assertThat(catchFpnn(() -> detached.sendOneWay("q", Payload.EMPTY)).code())
                .isEqualTo(FpnnErrorCode.CORE_INVALID_CONNECTION);

        FpnnConnection client = connect(quest -> Payload.EMPTY);
        client.close();
        client.channel().closeFuture().syncUninterruptibly();
        assertThat(client.isActive()).isFalse();
        FpnnException e = failure(client.sendQuest("addlisten", Payload.EMPTY));
        assertThat(e.code()).isEqualTo(FpnnErrorCode.CORE_INVALID_CONNECTION);
        assertThat(e.reason()).contains("addlisten");
        assertThat(catchFpnn(() -> client.sendOneWay("q", Payload.EMPTY)).code())
                .isEqualTo(FpnnErrorCode.CORE_INVALID_CONNECTION);
    }

    @Test
    void durationsThatAreNotPositiveAreRefusedNamingWhichOne() {
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(-1)}) {
            assertThatIllegalArgumentException().isThrownBy(() -> new FpnnConnection(quest -> Payload.EMPTY, bad))
                    .withMessageContaining("a quest timeout must be positive");
            assertThatIllegalArgumentException().isThrownBy(
                    () -> new FpnnKeepAlive(client, bad, Duration.ofSeconds(1), 1))
                    .withMessageContaining("the ping interval must be positive");
            assertThatIllegalArgumentException().isThrownBy(
                    () -> new FpnnKeepAlive(client, Duration.ofSeconds(1), bad, 1))
                    .withMessageContaining("the ping timeout must be positive");
        }
        FpnnConnection detached = new FpnnConnection(quest -> Payload.EMPTY, Duration.ofSeconds(1));
        for (FpnnConnection connection : List.of(client, detached)) {
            assertThatIllegalArgumentException().isThrownBy(
                    () -> connection.sendQuest("q", Payload.EMPTY, Duration.ZERO))
                    .withMessageContaining("a quest timeout must be positive");
        }
        assertThatIllegalArgumentException().isThrownBy(
                () -> new FpnnKeepAlive(client, Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .withMessageContaining("retries");
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void unencodablePayloadFailsThatQuestOnly() throws Exception {
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        FpnnException e = failure(client.sendQuest("bad", Payload.builder().put("v", new Object()).build()));
        assertThat(e.code()).isEqualTo(FpnnErrorCode.CORE_ENCODING);
        assertThat(client.pendingCount()).isZero();
        assertThat(client.sendQuest("good", Payload.EMPTY).get(5, TimeUnit.SECONDS)).isEqualTo(Payload.EMPTY);
    }

    // ---- quests from the peer ---------------------------------------------

    @Test
    void peerQuestsAreServed() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<FpnnQuest> deferred = new LinkedBlockingQueue<>();
        FpnnQuestHandler handler = quest -> switch (quest.method()) {
            case "ok" -> Payload.builder().put("got", quest.payload().getLong("n")).build();
            case "fpnn" -> throw new FpnnException(200010, "frequency limited");
            case "missing" -> Payload.builder().put("x", quest.payload().getLong("absent")).build();
            case "boom" -> throw new IllegalStateException("handler bug");
            case "later" -> {
                deferred.add(quest);
                Thread answerer = new Thread(() -> {
                    try {
                        if (release.await(5, TimeUnit.SECONDS)) {
                            quest.answer(Payload.builder().put("late", true).build());
                            quest.answer(Payload.builder().put("twice", true).build()); // ignored
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "deferred-answer");
                answerer.start();
                yield null;
            }
            default -> throw new FpnnException(FpnnErrorCode.CORE_UNKNOWN_METHOD,
                    "unknown method '" + quest.method() + "'");
        };
        connect(handler);
        FpnnConnection serverSide = serverConnections.poll(5, TimeUnit.SECONDS);
        assertThat(serverSide).isNotNull();

        assertThat(serverSide.sendQuest("ok", Payload.builder().put("n", 5).build()).get(5, TimeUnit.SECONDS)
                .getLong("got")).isEqualTo(5);

        FpnnException fpnn = failure(serverSide.sendQuest("fpnn", Payload.EMPTY));
        assertThat(fpnn.code()).isEqualTo(200010);
        assertThat(fpnn.reason()).isEqualTo("frequency limited");

        FpnnException missing = failure(serverSide.sendQuest("missing", Payload.EMPTY));
        assertThat(missing.code()).isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
        assertThat(missing.reason()).contains("'absent'");

        FpnnException boom = failure(serverSide.sendQuest("boom", Payload.EMPTY));
        assertThat(boom.code()).isEqualTo(FpnnErrorCode.CORE_UNKNOWN_ERROR);
        assertThat(boom.reason()).doesNotContain("handler bug"); // no internals on the wire

        FpnnException unknown = failure(serverSide.sendQuest("pushnothing", Payload.EMPTY));
        assertThat(unknown.code()).isEqualTo(FpnnErrorCode.CORE_UNKNOWN_METHOD);
        assertThat(unknown.reason()).contains("pushnothing");

        CompletableFuture<Payload> later = serverSide.sendQuest("later", Payload.EMPTY);
        FpnnQuest quest = deferred.poll(5, TimeUnit.SECONDS);
        assertThat(quest).isNotNull();
        assertThat(later).isNotDone();
        assertThat(quest.isAnswered()).isFalse();
        release.countDown();
        Payload answer = later.get(5, TimeUnit.SECONDS);
        assertThat(answer.asMap()).isEqualTo(Map.of("late", true));
        assertThat(quest.isAnswered()).isTrue();

        // the second answer of the deferred quest was not sent: nothing is pending or confused
        assertThat(serverSide.sendQuest("ok", Payload.builder().put("n", 6).build()).get(5, TimeUnit.SECONDS)
                .getLong("got")).isEqualTo(6);
        assertThat(serverSide.pendingCount()).isZero();
    }

    @Test
    void oneWayQuestGetsNoAnswer() throws Exception {
        BlockingQueue<String> served = new LinkedBlockingQueue<>();
        serverHandler = quest -> {
            served.add(quest.method() + (quest.isTwoWay() ? " twoway" : " oneway"));
            return Payload.builder().put("answered", quest.method()).build();
        };
        BlockingQueue<FpnnFrame> received = new LinkedBlockingQueue<>();
        FpnnConnection client = connect(quest -> Payload.EMPTY, (pipeline, connection) -> pipeline.addBefore(
                FpnnPipeline.CONNECTION, "recorder", new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        received.add((FpnnFrame) msg);
                        ctx.fireChannelRead(msg);
                    }
                }));
        client.sendOneWay("notify", Payload.builder().put("x", 1).build());
        // answers travel in order on the one TCP stream: had the one-way quest been answered,
        // that answer would arrive before the answer to this two-way quest
        Payload sync = client.sendQuest("sync", Payload.EMPTY).get(5, TimeUnit.SECONDS);
        assertThat(sync.getString("answered")).isEqualTo("sync");
        assertThat(served).containsExactly("notify oneway", "sync twoway");
        assertThat(received).hasSize(1);
        assertThat(received.peek().isAnswer()).isTrue();
    }

    @Test
    void framingErrorClosesOnlyThatConnection() throws Exception {
        serverHandler = quest -> Payload.builder().put("ok", true).build();
        FpnnConnection bad = connect(quest -> Payload.EMPTY);
        FpnnConnection good = connect(quest -> Payload.EMPTY);
        assertThat(good.sendQuest("before", Payload.EMPTY).get(5, TimeUnit.SECONDS).getBoolean("ok")).isTrue();

        bad.channel().writeAndFlush(Unpooled.copiedBuffer("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));

        await().atMost(WAIT).until(() -> !bad.isActive());
        assertThat(good.isActive()).isTrue();
        assertThat(good.sendQuest("after", Payload.EMPTY).get(5, TimeUnit.SECONDS).getBoolean("ok")).isTrue();
        assertThat(allServerConnections).filteredOn(FpnnConnection::isActive).hasSize(1);
    }

    @Test
    void anUnexpectedFailureClosesTheConnectionAndIsLoggedWithItsTrace() {
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        Logger logger = (Logger) LoggerFactory.getLogger(FpnnConnection.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG); // whatever the build's logging says, and into this list only
        logger.setAdditive(false);
        logger.addAppender(log);
        try {
            IllegalStateException bug = new IllegalStateException("a bug in a handler");
            clients.get(0).pipeline().fireExceptionCaught(bug);
            await().atMost(WAIT).until(() -> !client.isActive());
            assertThat(client.failure()).isSameAs(bug);
            assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN).singleElement().satisfies(event -> {
                assertThat(event.getLevel()).isEqualTo(Level.WARN);
                assertThat(event.getThrowableProxy().getMessage()).isEqualTo("a bug in a handler");
            });
        } finally {
            logger.detachAppender(log);
            logger.setAdditive(true);
            logger.setLevel(level);
        }
    }

    @Test
    void aFramingErrorIsLeftToTheConnectionsOwnerToReport() {
        FpnnConnection client = connect(quest -> Payload.EMPTY);
        Logger logger = (Logger) LoggerFactory.getLogger(FpnnConnection.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG); // whatever the build's logging says, and into this list only
        logger.setAdditive(false);
        logger.addAppender(log);
        try {
            clients.get(0).pipeline().fireExceptionCaught(new FpnnProtocolException("bad magic"));
            await().atMost(WAIT).until(() -> !client.isActive());
            assertThat(log.list).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
        } finally {
            logger.detachAppender(log);
            logger.setAdditive(true);
            logger.setLevel(level);
        }
    }

    // ---- keepalive ----------------------------------------------------------

    @Test
    void keepAliveSendsTwoWayPingWhenIdleAndStaysUpWhileAnswered() {
        BlockingQueue<String> pings = new LinkedBlockingQueue<>();
        serverHandler = quest -> {
            pings.add(quest.method() + (quest.isTwoWay() ? " twoway" : " oneway"));
            return Payload.builder().put("ts", System.currentTimeMillis()).build();
        };
        FpnnConnection client = connect(quest -> Payload.EMPTY, (pipeline, connection) -> pipeline.addFirst(
                "keepalive", new FpnnKeepAlive(connection, Duration.ofMillis(100), Duration.ofMillis(150), 2)));
        // five answered pings take longer than the 400 ms of silence after which the connection is dropped
        await().atMost(WAIT).until(() -> pings.size() >= 5);
        assertThat(client.isActive()).isTrue();
        assertThat(pings).allMatch("*ping twoway"::equals);
    }

    @Test
    void keepAliveClosesTheConnectionWhenThePeerNeverAnswers() {
        BlockingQueue<String> pings = new LinkedBlockingQueue<>();
        serverHandler = quest -> {
            pings.add(quest.method() + (quest.isTwoWay() ? " twoway" : " oneway"));
            return null; // never answers
        };
        FpnnConnection client = connect(quest -> Payload.EMPTY, (pipeline, connection) -> pipeline.addFirst(
                "keepalive", new FpnnKeepAlive(connection, Duration.ofMillis(100), Duration.ofMillis(150), 2)));
        await().atMost(WAIT).until(() -> !client.isActive());
        assertThat(pings).isNotEmpty().allMatch("*ping twoway"::equals);
        assertThat(client.pendingCount()).isZero();
    }

    @Test
    void keepAliveKeepsPingingButClosesNothingWhileReadingIsPaused() throws InterruptedException {
        BlockingQueue<String> pings = new LinkedBlockingQueue<>();
        serverHandler = quest -> {
            pings.add(quest.method());
            return Payload.EMPTY;
        };
        FpnnConnection client = connect(quest -> Payload.EMPTY, (pipeline, connection) -> pipeline.addFirst(
                "keepalive", new FpnnKeepAlive(connection, Duration.ofMillis(100), Duration.ofMillis(150), 2)));
        Channel channel = clients.get(0);
        // backpressure: the application stopped reading; the silence is its own, not the peer's
        channel.config().setAutoRead(false);
        // well past the 400 ms of silence (100 ms + 2 × 150 ms) after which a reading connection is dropped, and
        // about seven ping intervals of 100 ms
        Thread.sleep(700);
        assertThat(client.isActive()).isTrue();
        assertThat(pings).as("pings still tell the peer the connection is alive").hasSizeGreaterThanOrEqualTo(2);

        channel.config().setAutoRead(true);
        int before = pings.size();
        await().atMost(WAIT).until(() -> pings.size() >= before + 3);
        assertThat(client.isActive()).isTrue();
    }

    // ---- helpers ------------------------------------------------------------

    private FpnnConnection connect(FpnnQuestHandler handler) {
        return connect(handler, (pipeline, connection) -> { });
    }

    private FpnnConnection connect(FpnnQuestHandler handler, BiConsumer<ChannelPipeline, FpnnConnection> customizer) {
        FpnnConnection connection = new FpnnConnection(handler, Duration.ofSeconds(5));
        SocketAddress address = server.localAddress();
        Channel channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FpnnPipeline.install(ch.pipeline(), FpnnFrameDecoder.DEFAULT_MAX_PAYLOAD_SIZE, connection);
                        customizer.accept(ch.pipeline(), connection);
                    }
                })
                .connect(address).syncUninterruptibly().channel();
        clients.add(channel);
        assertThat(connection.isActive()).isTrue();
        return connection;
    }

    private static FpnnException failure(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(() -> future.get(5, TimeUnit.SECONDS));
        assertThat(thrown).isInstanceOf(ExecutionException.class);
        assertThat(thrown.getCause()).isInstanceOf(FpnnException.class);
        return (FpnnException) thrown.getCause();
    }

    private static FpnnException catchFpnn(Runnable action) {
        Throwable thrown = catchThrowable(action::run);
        assertThat(thrown).isInstanceOf(FpnnException.class);
        return (FpnnException) thrown;
    }
}
