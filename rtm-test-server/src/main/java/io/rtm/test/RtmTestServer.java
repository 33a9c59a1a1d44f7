package io.rtm.test;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rtm.fpnn.FpnnFrameDecoder;
import io.rtm.fpnn.FpnnPipeline;
import io.rtm.fpnn.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigInteger;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * An embedded RTM gateway on a real socket, for tests and local runs. It
 * implements {@code docs/rtm-protocol.md} section 8: signed quests, per-connection
 * listen state, message sending and routing, pushes as two-way quests with
 * optional re-send, gateway {@code ping}, plus a test API to push directly,
 * inspect connections and received quests, and break things on purpose.
 * {@link GatewayExtension}s serve further signed quest methods.
 *
 * <pre>{@code
 * try (RtmTestServer server = RtmTestServer.builder().build().start()) {
 *     // point the client at server.endpoint(), server.projectId(), server.secretKey()
 *     server.awaitCondition(Duration.ofSeconds(5), () -> server.connectionCount() == 1);
 *     server.pushGroupMessage(42, 1001, 1, 30, "hello", ""); // from user 42 to group 1001, mid 1, a chat
 * }
 * }</pre>
 *
 * <p>Binds 127.0.0.1 only. {@link #stop()} closes the port and every
 * connection and {@link #start()} binds the same port again; {@link #close()}
 * also ends the server's threads. All methods are thread-safe; the lifecycle
 * methods wait for the sockets to close, so call them from test threads, not
 * from a Netty event loop.
 */
public final class RtmTestServer implements AutoCloseable {

    /** The project id used when none is configured. */
    public static final long DEFAULT_PROJECT_ID = 11000001L;
    /** The secret key used when none is configured. */
    public static final String DEFAULT_SECRET_KEY = "rtm-test-secret";
    /** The allowed distance between a quest's {@code ts} and the gateway's clock when none is configured. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(300);

    /** Where a free port is looked for: below Linux's default ephemeral range (32768-60999). */
    private static final int FREE_PORTS_FROM = 20_000;
    private static final int FREE_PORTS_TO = 32_000;
    /** How long a restart waits for the stopped gateway's connections to let go of its port. */
    private static final Duration REBIND_PATIENCE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(RtmTestServer.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration POLL_INTERVAL = Duration.ofMillis(5);
    /**
     * Outbound bytes per connection before it stops being writable (what an extension pushing at the
     * connection's pace waits for); small enough to bound memory, big enough to batch.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private static final int FLUSH_AFTER_WRITES = 64;

    private final Gateway gateway;
    private final int threads;
    /** Every accepted channel until it closes, registered or not, so that stop() misses none. */
    private final Set<Channel> children = ConcurrentHashMap.newKeySet();
    private volatile boolean accepting;
    private @Nullable EventLoopGroup group;
    private @Nullable Channel serverChannel;
    private int port;
    private boolean closed;

    private RtmTestServer(Builder builder) {
        GatewaySettings settings = new GatewaySettings(builder.projectId, builder.secretKey, builder.clockSkew,
                builder.resendUnansweredAfter, builder.maxPayloadSize, builder.encryptionKey, builder.extensions);
        this.gateway = new Gateway(settings, this);
        this.port = builder.port;
        this.threads = builder.threads;
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle -------------------------------------------------------------

    /**
     * Binds the port and accepts connections; does nothing when running. The
     * first start binds the configured port (0: a free one); later starts bind
     * the port the first one got.
     *
     * @return this server
     * @throws IllegalStateException when the port cannot be bound or the server was closed
     */
    /**
     * Binds the given port, retrying for a short while: right after {@link #stop()}
     * the connections it closed may still hold the port (FIN_WAIT until each
     * client closes its side), which even SO_REUSEADDR does not get past.
     */
    private static ChannelFuture bindPort(ServerBootstrap bootstrap, int port) {
        long deadline = System.nanoTime() + REBIND_PATIENCE.toNanos();
        while (true) {
            ChannelFuture bind = bootstrap.bind(HOST, port).awaitUninterruptibly();
            if (bind.isSuccess() || !(bind.cause() instanceof BindException)
                    || System.nanoTime() > deadline) {
                return bind;
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    /**
     * Binds a free port below the ephemeral range. An ephemeral port (what port 0
     * gives) may, once the gateway is stopped, be handed to a reconnecting
     * client as its own local port, which then connects to itself and keeps
     * the gateway from starting again on it.
     */
    private static ChannelFuture bindFreePort(ServerBootstrap bootstrap) {
        ChannelFuture bind = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = FREE_PORTS_FROM + ThreadLocalRandom.current().nextInt(FREE_PORTS_TO - FREE_PORTS_FROM);
            bind = bootstrap.bind(HOST, candidate).awaitUninterruptibly();
            if (bind.isSuccess()) {
                return bind;
            }
        }
        return bind;
    }

    public synchronized RtmTestServer start() {
        if (closed) {
            throw new IllegalStateException("the server was closed");
        }
        if (isRunning()) {
            return this;
        }
        if (group == null) {
            group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("rtm-test-gateway", true),
                    NioIoHandler.newFactory());
        }
        accepting = true;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        children.add(channel);
                        channel.closeFuture().addListener(closed -> children.remove(channel));
                        if (!accepting) {
                            channel.close(); // accepted while stopping
                            return;
                        }
                        GatewaySession session = gateway.newSession();
                        // pushes flush one by one; written in a burst, they leave in one syscall
                        channel.pipeline().addLast("flush-consolidation",
                                new FlushConsolidationHandler(FLUSH_AFTER_WRITES, true));
                        FpnnPipeline.install(channel.pipeline(), gateway.settings().maxPayloadSize(),
                                session.connection());
                        channel.pipeline().addLast("rtm-gateway-session", new SessionHandler(gateway, session));
                    }
                });
        ChannelFuture bind = port != 0 ? bindPort(bootstrap, port) : bindFreePort(bootstrap);
        if (!bind.isSuccess()) {
            accepting = false;
            throw new IllegalStateException("cannot bind " + HOST + ":" + port, bind.cause());
        }
        serverChannel = bind.channel();
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        log.info("RTM gateway listening on {} ({})", endpoint(), gateway.settings());
        return this;
    }

    /** Closes the port and every connection; {@link #start()} binds the same port again. */
    public synchronized void stop() {
        if (serverChannel != null) {
            accepting = false;
            serverChannel.close().awaitUninterruptibly();
            serverChannel = null;
            dropConnections();
            log.info("RTM gateway on {} stopped", endpoint());
        }
    }

    /** Stops the server and ends its threads; it cannot start again. */
    @Override
    public synchronized void close() {
        stop();
        closed = true;
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
            group = null;
        }
    }

    public synchronized boolean isRunning() {
        return serverChannel != null && serverChannel.isOpen();
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return HOST;
    }

    /** The bound port once started; before that, the configured one (0: not chosen yet). */
    public synchronized int port() {
        return port;
    }

    /** {@code host:port}, the form of the client's {@code endpoint} setting. */
    public String endpoint() {
        return HOST + ":" + port();
    }

    public long projectId() {
        return gateway.settings().projectId();
    }

    /** The secret quests must be signed with; never logged by the gateway. */
    public String secretKey() {
        return gateway.settings().secretKey();
    }

    /** The largest payload accepted from a client. */
    public int maxPayloadSize() {
        return gateway.settings().maxPayloadSize();
    }

    // ---- pushes ----------------------------------------------------------------

    /**
     * Pushes a message or an event to every connection listening to it:
     * {@code server.push(group(1001).from(42).chat("hi"))} with
     * {@code import static io.rtm.test.RtmTestPush.*}. Each push gets a fresh
     * mid (an event a fresh endpoint), so none is dropped as a duplicate.
     *
     * @return the number of connections pushed to
     */
    public int push(RtmTestPush push) {
        return Objects.requireNonNull(push, "push").pushTo(gateway);
    }

    /**
     * Pushes a P2P message ({@code pushmsg}) to every connection listening to
     * all P2P messages or to user {@code to}.
     *
     * @param from  the sending user
     * @param to    the receiving user
     * @param mid   the message id
     * @param mtype the message type, 0 to 127 (30 chat, 32 command, 40 to 50 file)
     * @param msg   a {@code String} (sent as a msgpack str) or a {@code byte[]} (sent as a bin)
     * @param attrs the attributes
     * @return the number of connections pushed to
     */
    public int pushP2PMessage(long from, long to, long mid, int mtype, Object msg, String attrs) {
        return pushMessage(GatewayMessageKind.P2P, from, to, mid, mtype, msg, attrs);
    }

    /**
     * Pushes a group message ({@code pushgroupmsg}) to every connection listening
     * to all groups or to group {@code gid}.
     *
     * @param from  the sending user
     * @param gid   the group
     * @param mid   the message id
     * @param mtype the message type, 0 to 127 (30 chat, 32 command, 40 to 50 file)
     * @param msg   a {@code String} (sent as a msgpack str) or a {@code byte[]} (sent as a bin)
     * @param attrs the attributes
     * @return the number of connections pushed to
     */
    public int pushGroupMessage(long from, long gid, long mid, int mtype, Object msg, String attrs) {
        return pushMessage(GatewayMessageKind.GROUP, from, gid, mid, mtype, msg, attrs);
    }

    /**
     * Pushes a room message ({@code pushroommsg}) to every connection listening
     * to all rooms or to room {@code rid}.
     *
     * @param from  the sending user
     * @param rid   the room
     * @param mid   the message id
     * @param mtype the message type, 0 to 127 (30 chat, 32 command, 40 to 50 file)
     * @param msg   a {@code String} (sent as a msgpack str) or a {@code byte[]} (sent as a bin)
     * @param attrs the attributes
     * @return the number of connections pushed to
     */
    public int pushRoomMessage(long from, long rid, long mid, int mtype, Object msg, String attrs) {
        return pushMessage(GatewayMessageKind.ROOM, from, rid, mid, mtype, msg, attrs);
    }

    private int pushMessage(GatewayMessageKind kind, long from, long id, long mid, int mtype, Object msg,
                            String attrs) {
        return gateway.pushMessage(kind, from, id, mid, Pushes.checkMtype(mtype), Pushes.checkMsg(msg), nonNull(attrs), now());
    }

    /**
     * Pushes an event ({@code pushevent}, with this server's project id) to
     * every connection listening to all events or to {@code event}.
     *
     * @param data sent only when not {@code null}
     * @return the number of connections pushed to
     */
    public int pushEvent(String event, long uid, long timeSeconds, @Nullable String endpoint, @Nullable String data) {
        return gateway.pushEvent(Objects.requireNonNull(event, "event"), uid, timeSeconds, nonNull(endpoint), data);
    }

    /**
     * Sends the gateway's {@code ping} to every connection.
     *
     * @return the number of connections pinged
     */
    public int ping() {
        return gateway.questAll(Pushes.PING, Payload.EMPTY).size();
    }

    /**
     * Sends any two-way quest to every connection, bypassing routing and the
     * push counters: for malformed or unknown pushes.
     *
     * @return one future per connection, completed with its answer or failed
     *         with its error answer (an {@link io.rtm.fpnn.FpnnException})
     */
    public List<CompletableFuture<Payload>> pushRaw(String method, Payload payload) {
        return gateway.questAll(method, payload);
    }

    /** Writes the bytes as they are to every connection, for bad-input tests. */
    public void writeRaw(byte[] bytes) {
        for (GatewaySession session : gateway.sessions()) {
            session.channel().writeAndFlush(Unpooled.copiedBuffer(bytes));
        }
    }

    /** Push quests written so far, re-sends included. */
    public long pushesSent() {
        return gateway.pushesSent();
    }

    /** Pushes the clients answered OK. */
    public long pushesAnswered() {
        return gateway.pushesAnswered();
    }

    /** Pushes the clients answered with an error. */
    public long pushErrorAnswers() {
        return gateway.pushErrorAnswers();
    }

    /** Pushes sent again because their answer did not arrive in time. */
    public long pushesResent() {
        return gateway.pushesResent();
    }

    /** Quests received from clients since the server was built, whether answered or not. */
    public long questsReceived() {
        return gateway.questsReceived();
    }

    // ---- connections and quests --------------------------------------------------

    /** The open connections, ordered by id (connections accepted at the same moment may number either way). */
    public List<GatewayConnection> connections() {
        List<GatewayConnection> views = new ArrayList<>();
        for (GatewaySession session : gateway.sessions()) {
            views.add(session.view());
        }
        return views;
    }

    public int connectionCount() {
        return gateway.sessions().size();
    }

    /** The key pair encrypted connections use; {@code null} when the gateway is plain only. */
    public @Nullable RtmTestKeys encryptionKeys() {
        return gateway.settings().encryptionKey();
    }

    /** The open connections that completed the encryption handshake. */
    public int encryptedConnectionCount() {
        return (int) gateway.sessions().stream().filter(GatewaySession::isEncrypted).count();
    }

    /** Closes every client connection (the port stays open) and waits until they are closed. */
    public void dropConnections() {
        for (Channel channel : children) {
            closeAndWait(channel);
        }
        // channelInactive comes after the close future; the view must not wait for it
        for (GatewaySession session : gateway.sessions()) {
            if (!session.channel().isOpen()) {
                gateway.unregister(session);
            }
        }
    }

    /**
     * Closes one client connection, as a network failure or a crashed client
     * would end it, and waits until it is closed; the others and the port stay
     * open.
     *
     * @param id the connection's {@linkplain GatewayConnection#id() id}
     * @return whether that connection was open
     */
    public boolean dropConnection(long id) {
        for (GatewaySession session : gateway.sessions()) {
            if (session.id() == id) {
                closeAndWait(session.channel());
                gateway.unregister(session); // as in dropConnections: the view must not wait for channelInactive
                return true;
            }
        }
        return false;
    }

    private static void closeAndWait(Channel channel) {
        ChannelFuture closing = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closing.awaitUninterruptibly();
        }
    }

    /**
     * The quests clients sent, oldest first, exactly as received (the last
     * {@value Gateway#QUEST_LOG_CAPACITY} at most).
     */
    public List<ReceivedQuest> receivedQuests() {
        return gateway.receivedQuests();
    }

    public void clearReceivedQuests() {
        gateway.clearReceivedQuests();
    }

    /**
     * While paused, client quests are recorded but neither applied nor
     * answered at all, so clients run into their quest timeout. Quests received
     * while paused stay unanswered after resuming.
     */
    public void pauseAnswering(boolean paused) {
        gateway.pause(paused);
    }

    /**
     * Waits until the condition holds, checking it every few milliseconds.
     *
     * @throws AssertionError when it still does not hold after {@code timeout}
     */
    public void awaitCondition(Duration timeout, BooleanSupplier condition) {
        awaitCondition(timeout, "condition", condition);
    }

    /**
     * Waits until the condition holds, checking it every few milliseconds.
     *
     * @param description names the condition in the failure message
     * @throws AssertionError when it still does not hold after {@code timeout}
     */
    public void awaitCondition(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError(description + " not met within " + timeout.toMillis() + " ms");
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + description);
            }
        }
    }

    @Override
    public String toString() {
        return "RtmTestServer{" + endpoint() + ", projectId=" + projectId() + ", secretKey=******, running="
                + isRunning() + "}";
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    /** Configures an {@link RtmTestServer}; every setting has a default. */
    public static final class Builder {

        private int port;
        private long projectId = DEFAULT_PROJECT_ID;
        private String secretKey = DEFAULT_SECRET_KEY;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private @Nullable Duration resendUnansweredAfter;
        private int maxPayloadSize = FpnnFrameDecoder.DEFAULT_MAX_PAYLOAD_SIZE;
        private int threads = 2;
        private @Nullable RtmTestKeys encryptionKey;
        private final Map<String, GatewayExtension> extensions = new HashMap<>();

        private Builder() {
        }

        /**
         * Serves the extension's quest methods besides the gateway's own (see
         * {@link GatewayExtension}); several extensions may be added.
         *
         * @throws IllegalArgumentException when one of its methods is one of the
         *         gateway's own or served by an extension added before
         */
        public Builder extension(GatewayExtension extension) {
            Set<String> methods = Set.copyOf(extension.methods());
            for (String method : methods) {
                if (GatewayQuestHandler.isOwnMethod(method)) {
                    throw new IllegalArgumentException("'" + method + "' is one of the gateway's own methods; "
                            + extension + " cannot serve it");
                }
                GatewayExtension other = extensions.get(method);
                if (other != null) {
                    throw new IllegalArgumentException("'" + method + "' is served by both " + other + " and "
                            + extension);
                }
            }
            methods.forEach(method -> extensions.put(method, extension));
            return this;
        }

        /**
         * Accepts encrypted connections (protocol section 9) with this key
         * pair, besides plain ones on the same port: a connection whose first
         * quest is {@code *key} is encrypted from its answer on. {@code null}
         * (the default) answers {@code *key} with 20004.
         */
        public Builder encryptionKey(@Nullable RtmTestKeys keys) {
            this.encryptionKey = keys;
            return this;
        }

        /**
         * Accepts encrypted connections with this private key.
         *
         * @param curve      secp256k1, secp256r1 (prime256v1), secp224r1 or secp192r1
         * @param privateKey the private scalar
         */
        public Builder encryptionKey(String curve, BigInteger privateKey) {
            this.encryptionKey = RtmTestKeys.of(curve, privateKey);
            return this;
        }

        /** The port to bind on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /** The project id quests must carry; default {@code 11000001}. */
        public Builder projectId(long projectId) {
            this.projectId = projectId;
            return this;
        }

        /** The secret quests are signed with; default {@code "rtm-test-secret"}. */
        public Builder secretKey(String secretKey) {
            if (secretKey == null || secretKey.isEmpty()) {
                throw new IllegalArgumentException("secretKey must not be empty");
            }
            this.secretKey = secretKey;
            return this;
        }

        /** How far a quest's {@code ts} may be from the gateway's clock; default 300 s. */
        public Builder clockSkew(Duration clockSkew) {
            if (clockSkew == null || clockSkew.isNegative()) {
                throw new IllegalArgumentException("clockSkew must be zero or positive: " + clockSkew);
            }
            this.clockSkew = clockSkew;
            return this;
        }

        /**
         * Sends a push again, with the same mid, when it is not answered within
         * this time (up to {@value Gateway#MAX_RESENDS} times); {@code null}
         * (the default) never re-sends.
         */
        public Builder resendUnansweredAfter(@Nullable Duration delay) {
            if (delay != null && (delay.isNegative() || delay.isZero())) {
                throw new IllegalArgumentException("the re-send delay must be positive: " + delay);
            }
            this.resendUnansweredAfter = delay;
            return this;
        }

        /** The largest payload accepted from a client; a larger frame closes its connection. Default 8 MiB. */
        public Builder maxPayloadSize(int maxPayloadSize) {
            if (maxPayloadSize < 1024) {
                throw new IllegalArgumentException("maxPayloadSize must be at least 1024: " + maxPayloadSize);
            }
            this.maxPayloadSize = maxPayloadSize;
            return this;
        }

        /** Event-loop threads; default 2. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive: " + threads);
            }
            this.threads = threads;
            return this;
        }

        public RtmTestServer build() {
            return new RtmTestServer(this);
        }
    }
}
