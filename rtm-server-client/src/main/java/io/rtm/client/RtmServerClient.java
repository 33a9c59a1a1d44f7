package io.rtm.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnFrameDecoder;
import io.rtm.fpnn.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The RTM server client: one connection to an RTM gateway that receives its
 * pushes and manages what it listens to.
 *
 * <pre>{@code
 * RtmServerClient client = RtmServerClient.builder()
 *         .endpoint("rtm-gateway.example.com:13315")
 *         .projectId(11000001)
 *         .secretKey(secret)
 *         .serverPushMonitor(new RtmServerPushMonitor() {
 *             public void pushGroupChat(RtmMessage message) { ... }
 *         })
 *         .build();
 * client.connect();
 * client.addListen(Set.of(1001L), Set.of(), Set.of(), Set.of("login", "logout"));
 * }</pre>
 *
 * <p>After {@link #connect()} the client keeps a connection open until
 * {@link #close()}: a lost connection is reconnected with back-off, and on every
 * new connection the {@linkplain #listenState() confirmed listen state} is
 * applied again before the connection counts as {@linkplain #isConnected() connected}.
 * Pushes are answered on the network thread at once and handed to the
 * {@link RtmServerPushMonitor} on dispatch threads, in order per conversation,
 * duplicates dropped.
 *
 * <p>Each listen call has a blocking form, which throws {@link RtmException},
 * and an async form; the listen state changes only when the gateway answers OK.
 * Calls made while not connected fail with code 20012.
 */
public final class RtmServerClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtmServerClient.class);

    private final Settings settings;
    private final RtmSigner signer;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final PushDispatcher dispatcher;
    private final ConnectionWatchdog watchdog;
    private final AtomicReference<ListenState> listenState = new AtomicReference<>(ListenState.EMPTY);
    private volatile RtmPushListener pushListener;
    private volatile RtmConnectionListener connectionListener;
    private final Object lifecycle = new Object();
    private boolean started;
    private boolean closed;

    private RtmServerClient(Builder builder) {
        this.settings = builder.settings();
        this.signer = new RtmSigner(settings.projectId, builder.secretKey, builder.salts);
        this.pushListener = builder.pushListener;
        this.connectionListener = builder.connectionListener;
        this.ownsGroup = builder.eventLoopGroup == null;
        this.group = ownsGroup
                // not a daemon: like any network client, an open one keeps the application running
                ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rtm-io", false), NioIoHandler.newFactory())
                : builder.eventLoopGroup;
        this.dispatcher = new PushDispatcher(settings.dispatchThreads, settings.dispatchQueueCapacity,
                () -> pushListener, new PushDispatcher.Backpressure() {
                    @Override
                    public void pause() {
                        watchdog.setAutoRead(false);
                    }

                    @Override
                    public void resume() {
                        watchdog.setAutoRead(true);
                    }
                });
        PushHandler pushHandler = new PushHandler(new PushDeduplicator(settings.dedupCapacity), dispatcher,
                settings.observer, () -> connectionListener.pinged());
        this.watchdog = new ConnectionWatchdog(settings.endpoint, group, settings.connectTimeout,
                settings.maxPayloadSize, settings.questTimeout, settings.keepAlive, settings.reconnect, pushHandler,
                this::restoreListenState, new ConnectionEvents(), settings.observer, settings.encryption);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ---- lifecycle ---------------------------------------------------------

    /**
     * Connects and waits until the first connection is ready, at most the
     * connect timeout. The client keeps trying in the background if this
     * fails, until {@link #close()}.
     *
     * @throws RtmException 20003 when the timeout passes first, or the
     *         failure that ended the attempts
     */
    public void connect() {
        CompletableFuture<Void> ready = connectAsync();
        try {
            ready.get(settings.connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RtmException(FpnnErrorCode.CORE_TIMEOUT, "not connected to RTM gateway " + settings.endpoint
                    + " within " + settings.connectTimeout.toMillis() + " ms; still trying");
        } catch (ExecutionException e) {
            throw RtmException.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtmException(FpnnErrorCode.CORE_UNKNOWN_ERROR, "interrupted while connecting");
        }
    }

    /** Starts connecting; the future completes when the first connection is ready. */
    public CompletableFuture<Void> connectAsync() {
        synchronized (lifecycle) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION, "the client is closed"));
            }
            if (!started) {
                started = true;
                dispatcher.start();
            }
        }
        return watchdog.start();
    }

    /** Whether a connection is up and its listen state applied. */
    public boolean isConnected() {
        FpnnConnection connection = watchdog.ready();
        return connection != null && connection.isActive();
    }

    /**
     * Closes the client for good: stops reading, lets the pushes already
     * received reach the push listener (at most the shutdown timeout), closes the
     * connection and stops every thread the client started. Never reconnects.
     * Pushes that arrive while closing are left unanswered, so the gateway
     * still counts them as not delivered.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (started) {
            await(watchdog.stopReading(), settings.connectTimeout);
            int left = dispatcher.drainPushes(settings.shutdownTimeout);
            if (left > 0) {
                log.warn("{} received pushes were not handled within the shutdown timeout of {} ms", left,
                        settings.shutdownTimeout.toMillis());
            }
        }
        await(watchdog.close(), settings.connectTimeout);
        if (started) {
            dispatcher.stopConnectionLane(settings.shutdownTimeout);
        }
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private static void await(CompletableFuture<Void> future, Duration timeout) {
        try {
            future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Shutdown step did not finish cleanly: {}", e.toString());
        }
    }

    /**
     * Replaces the push and connection listeners with the monitor, adapted:
     * each message goes to the callback of its push type. {@code null} receives nothing.
     */
    public void setServerPushMonitor(RtmServerPushMonitor monitor) {
        MonitorListener adapted = monitor == null ? null : new MonitorListener(monitor);
        setPushListener(adapted);
        setConnectionListener(adapted);
    }

    /** Replaces the listener that receives pushes; {@code null} receives nothing. */
    public void setPushListener(RtmPushListener listener) {
        this.pushListener = listener == null ? Silent.INSTANCE : listener;
    }

    /** Replaces the listener of connection changes; {@code null} hears nothing. */
    public void setConnectionListener(RtmConnectionListener listener) {
        this.connectionListener = listener == null ? Silent.INSTANCE : listener;
    }

    /** The gateway address. */
    public RtmEndpoint endpoint() {
        return settings.endpoint;
    }

    /** The project id. */
    public long projectId() {
        return settings.projectId;
    }

    /** Pushes received and waiting for the push listener. */
    public int dispatchQueueDepth() {
        return dispatcher.depth();
    }

    /** The listen state the gateway has confirmed; applied again on every new connection. */
    public ListenState listenState() {
        return listenState.get();
    }

    /**
     * The listen state the client applies on every new connection. Today the
     * client re-applies what the gateway confirmed, so this is {@link #listenState()}.
     */
    public ListenState desiredListenState() {
        return listenState.get();
    }

    // ---- listen API --------------------------------------------------------

    /** Adds ids and events to listen to. */
    public void addListen(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events) {
        join(addListenAsync(gids, rids, uids, events, null));
    }

    public void addListen(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events, Duration timeout) {
        join(addListenAsync(gids, rids, uids, events, timeout));
    }

    public CompletableFuture<Void> addListenAsync(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events) {
        return addListenAsync(gids, rids, uids, events, null);
    }

    /** Adds ids and events to listen to; empty sets are not sent. */
    public CompletableFuture<Void> addListenAsync(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events,
                                                  Duration timeout) {
        Payload fields = idFields(gids, rids, uids, events, false);
        return listenQuest("addlisten", fields, timeout, state -> state.plus(gids, rids, uids, events));
    }

    /** Stops listening to ids and events. */
    public void removeListen(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events) {
        join(removeListenAsync(gids, rids, uids, events, null));
    }

    public void removeListen(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events, Duration timeout) {
        join(removeListenAsync(gids, rids, uids, events, timeout));
    }

    public CompletableFuture<Void> removeListenAsync(Set<Long> gids, Set<Long> rids, Set<Long> uids,
                                                     Set<String> events) {
        return removeListenAsync(gids, rids, uids, events, null);
    }

    /** Stops listening to ids and events; empty sets are not sent. */
    public CompletableFuture<Void> removeListenAsync(Set<Long> gids, Set<Long> rids, Set<Long> uids,
                                                     Set<String> events, Duration timeout) {
        Payload fields = idFields(gids, rids, uids, events, false);
        return listenQuest("removelisten", fields, timeout, state -> state.minus(gids, rids, uids, events));
    }

    /** Replaces all four id sets; a null or empty set clears that set. */
    public void setListen(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events) {
        join(setListenAsync(gids, rids, uids, events, null));
    }

    public void setListen(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events, Duration timeout) {
        join(setListenAsync(gids, rids, uids, events, timeout));
    }

    public CompletableFuture<Void> setListenAsync(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events) {
        return setListenAsync(gids, rids, uids, events, null);
    }

    /** Replaces all four id sets (all four are sent, empty ones as empty arrays). */
    public CompletableFuture<Void> setListenAsync(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events,
                                                  Duration timeout) {
        Payload fields = idFields(gids, rids, uids, events, true);
        return listenQuest("setlisten", fields, timeout, state -> state.withIds(gids, rids, uids, events));
    }

    /** Sets the listen-to-all flags that are given; the others stay as they are. */
    public void setListen(ListenFlags flags) {
        join(setListenAsync(flags, null));
    }

    public void setListen(ListenFlags flags, Duration timeout) {
        join(setListenAsync(flags, timeout));
    }

    public CompletableFuture<Void> setListenAsync(ListenFlags flags) {
        return setListenAsync(flags, null);
    }

    /** Sets the listen-to-all flags that are given; the others stay as they are. */
    public CompletableFuture<Void> setListenAsync(ListenFlags flags, Duration timeout) {
        Objects.requireNonNull(flags, "flags");
        if (flags.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return listenQuest("setlisten", flagFields(flags), timeout, state -> state.withFlags(flags));
    }

    /**
     * Sends any signed quest to the gateway (for RTM server calls beyond
     * listening), with {@code pid}, {@code sign}, {@code salt} and {@code ts} added.
     *
     * @param timeout {@code null} for the configured quest timeout
     * @return the answer's payload, or an {@link RtmException}
     */
    public CompletableFuture<Payload> questAsync(String method, Payload fields, Duration timeout) {
        FpnnConnection connection = watchdog.ready();
        if (connection == null) {
            return CompletableFuture.failedFuture(new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION,
                    "not connected to RTM gateway " + settings.endpoint + ": cannot send '" + method + "'"));
        }
        return send(connection, method, fields, timeout);
    }

    private CompletableFuture<Payload> send(FpnnConnection connection, String method, Payload fields,
                                            Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<Payload> result = new CompletableFuture<>();
        connection.sendQuest(method, signer.signed(method, fields), timeout == null ? settings.questTimeout : timeout)
                .whenComplete((answer, failure) -> {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    if (failure == null) {
                        settings.observer.questCompleted(method, elapsed, 0);
                        result.complete(answer);
                    } else {
                        RtmException error = RtmException.of(failure);
                        settings.observer.questCompleted(method, elapsed, error.code());
                        result.completeExceptionally(error);
                    }
                });
        return result;
    }

    private CompletableFuture<Void> listenQuest(String method, Payload fields, Duration timeout,
                                                java.util.function.UnaryOperator<ListenState> confirmed) {
        return questAsync(method, fields, timeout).thenAccept(answer -> listenState.updateAndGet(confirmed));
    }

    /** Applies the confirmed listen state on a new connection, before it counts as ready. */
    private CompletableFuture<Void> restoreListenState(FpnnConnection connection) {
        ListenState state = listenState.get();
        List<CompletableFuture<Payload>> quests = new ArrayList<>(2);
        if (state.hasIds()) {
            quests.add(send(connection, "setlisten",
                    idFields(state.groups(), state.rooms(), state.users(), state.events(), true), null));
        }
        if (state.hasFlags()) {
            quests.add(send(connection, "setlisten", flagFields(state.flags()), null));
        }
        return CompletableFuture.allOf(quests.toArray(CompletableFuture[]::new));
    }

    private static Payload idFields(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events,
                                    boolean all) {
        Payload.Builder fields = Payload.builder();
        if (all) {
            return fields.put("gids", orEmpty(gids)).put("rids", orEmpty(rids)).put("uids", orEmpty(uids))
                    .put("events", orEmpty(events)).build();
        }
        return fields.putIfNotEmpty("gids", gids).putIfNotEmpty("rids", rids).putIfNotEmpty("uids", uids)
                .putIfNotEmpty("events", events).build();
    }

    private static Payload flagFields(ListenFlags flags) {
        Payload.Builder fields = Payload.builder();
        if (flags.allP2P() != null) {
            fields.put("p2p", flags.allP2P());
        }
        if (flags.allGroups() != null) {
            fields.put("group", flags.allGroups());
        }
        if (flags.allRooms() != null) {
            fields.put("room", flags.allRooms());
        }
        if (flags.allEvents() != null) {
            fields.put("ev", flags.allEvents());
        }
        return fields.build();
    }

    private static <T> Set<T> orEmpty(Set<T> values) {
        return values == null ? Set.of() : values;
    }

    private static void join(CompletableFuture<?> future) {
        try {
            future.get();
        } catch (ExecutionException e) {
            throw RtmException.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtmException(FpnnErrorCode.CORE_UNKNOWN_ERROR, "interrupted while waiting for the gateway");
        }
    }

    @Override
    public String toString() {
        return "RtmServerClient{endpoint=" + settings.endpoint + ", projectId=" + settings.projectId
                + (settings.encryption != null ? ", encryption=" + settings.encryption : "")
                + ", connected=" + isConnected() + "}";
    }

    /** Reports connection changes to the connection listener, on the dispatch lane for connection callbacks. */
    private final class ConnectionEvents implements ConnectionWatchdog.Listener {

        @Override
        public void connected(boolean isReconnect) {
            settings.observer.connected(isReconnect);
            dispatcher.dispatchControl(() -> connectionListener.connected(settings.endpoint, isReconnect));
        }

        @Override
        public void connectFailed(boolean isReconnect) {
            dispatcher.dispatchControl(() -> connectionListener.connectFailed(settings.endpoint, isReconnect));
        }

        @Override
        public void closed(boolean causedByError, boolean willReconnect) {
            settings.observer.disconnected(causedByError);
            dispatcher.dispatchControl(() -> connectionListener.disconnected(settings.endpoint, causedByError,
                    willReconnect));
        }
    }

    /** Receives and hears nothing. */
    private static final class Silent implements RtmPushListener, RtmConnectionListener {

        static final Silent INSTANCE = new Silent();

        @Override
        public void onMessage(RtmMessage message) {
        }

        @Override
        public void onEvent(RtmEvent event) {
        }
    }

    /** The validated settings of a client. */
    private record Settings(RtmEndpoint endpoint, long projectId, Duration connectTimeout, Duration questTimeout,
                            Duration shutdownTimeout, int maxPayloadSize, ReconnectPolicy reconnect,
                            KeepAlivePolicy keepAlive, int dedupCapacity, int dispatchThreads,
                            int dispatchQueueCapacity, RtmClientObserver observer, RtmEncryption encryption) {
    }

    /** Builds an {@link RtmServerClient}; endpoint, project id and secret key are required. */
    public static final class Builder {

        private RtmEndpoint endpoint;
        private long projectId;
        private String secretKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration questTimeout = Duration.ofSeconds(5);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private int maxPayloadSize = FpnnFrameDecoder.DEFAULT_MAX_PAYLOAD_SIZE;
        private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
        private KeepAlivePolicy keepAlive = KeepAlivePolicy.DEFAULT;
        private int dedupCapacity = 5000;
        private int dispatchThreads = 2;
        private int dispatchQueueCapacity = 10_000;
        private RtmPushListener pushListener = Silent.INSTANCE;
        private RtmConnectionListener connectionListener = Silent.INSTANCE;
        private RtmClientObserver observer = RtmClientObserver.NONE;
        private EventLoopGroup eventLoopGroup;
        private SaltGenerator salts = SaltGenerator.shared();
        private RtmEncryption encryption;

        private Builder() {
        }

        /** The gateway, as {@code host:port}. */
        public Builder endpoint(String endpoint) {
            this.endpoint = RtmEndpoint.parse(endpoint);
            return this;
        }

        public Builder endpoint(String host, int port) {
            this.endpoint = new RtmEndpoint(host, port);
            return this;
        }

        public Builder endpoint(RtmEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        public Builder projectId(long projectId) {
            this.projectId = projectId;
            return this;
        }

        /** The project's secret key; it signs quests and never leaves the client. */
        public Builder secretKey(String secretKey) {
            this.secretKey = secretKey;
            return this;
        }

        /** How long a connection attempt, and {@link #connect()}, may take (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = connectTimeout;
            return this;
        }

        /** The default time a quest waits for its answer (default 5 s). */
        public Builder questTimeout(Duration questTimeout) {
            this.questTimeout = questTimeout;
            return this;
        }

        /** How long {@link #close()} lets received pushes reach the push listener (default 10 s). */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /** The largest payload accepted from the gateway, in bytes (default 8 MiB). */
        public Builder maxPayloadSize(int maxPayloadSize) {
            this.maxPayloadSize = maxPayloadSize;
            return this;
        }

        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
            return this;
        }

        public Builder keepAlive(KeepAlivePolicy keepAlive) {
            this.keepAlive = Objects.requireNonNull(keepAlive, "keepAlive");
            return this;
        }

        /** How many recent pushes are remembered to drop duplicates (default 5,000; 0 turns it off). */
        public Builder dedupCapacity(int dedupCapacity) {
            this.dedupCapacity = dedupCapacity;
            return this;
        }

        /** Threads that call the push listener (default 2); one conversation always stays on one thread. */
        public Builder dispatchThreads(int dispatchThreads) {
            this.dispatchThreads = dispatchThreads;
            return this;
        }

        /** Pushes waiting for the push listener beyond which the client stops reading (default 10,000). */
        public Builder dispatchQueueCapacity(int dispatchQueueCapacity) {
            this.dispatchQueueCapacity = dispatchQueueCapacity;
            return this;
        }

        /**
         * Delivers pushes and connection changes to the monitor, adapted: each
         * message goes to the callback of its push type. Sets both listeners.
         */
        public Builder serverPushMonitor(RtmServerPushMonitor monitor) {
            MonitorListener adapted = monitor == null ? null : new MonitorListener(monitor);
            return pushListener(adapted).connectionListener(adapted);
        }

        /** Where pushes go, on the dispatch threads; {@code null} (the default) receives nothing. */
        public Builder pushListener(RtmPushListener listener) {
            this.pushListener = listener == null ? Silent.INSTANCE : listener;
            return this;
        }

        /** Where connection changes go, on the connection thread; {@code null} (the default) hears nothing. */
        public Builder connectionListener(RtmConnectionListener listener) {
            this.connectionListener = listener == null ? Silent.INSTANCE : listener;
            return this;
        }

        public Builder observer(RtmClientObserver observer) {
            this.observer = observer == null ? RtmClientObserver.NONE : observer;
            return this;
        }

        /** A Netty event loop group to share; the client does not shut it down. */
        /** Where salts come from; tests replace it to provoke a replayed salt. */
        Builder salts(SaltGenerator salts) {
            this.salts = salts;
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup eventLoopGroup) {
            this.eventLoopGroup = eventLoopGroup;
            return this;
        }

        /**
         * Encrypts every connection with the gateway's public key (protocol
         * section 9); {@code null} (the default) connects in plain.
         */
        public Builder encryption(RtmEncryption encryption) {
            this.encryption = encryption;
            return this;
        }

        private Settings settings() {
            if (endpoint == null) {
                throw new IllegalArgumentException("endpoint is required (host:port of the RTM gateway)");
            }
            if (projectId <= 0) {
                throw new IllegalArgumentException("projectId is required and must be positive");
            }
            if (secretKey == null || secretKey.isEmpty()) {
                throw new IllegalArgumentException("secretKey is required");
            }
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(questTimeout, "questTimeout");
            requirePositive(shutdownTimeout, "shutdownTimeout");
            if (maxPayloadSize < 1) {
                throw new IllegalArgumentException("maxPayloadSize must be positive: " + maxPayloadSize);
            }
            if (dedupCapacity < 0) {
                throw new IllegalArgumentException("dedupCapacity must not be negative: " + dedupCapacity);
            }
            if (dispatchThreads < 1) {
                throw new IllegalArgumentException("dispatchThreads must be at least 1: " + dispatchThreads);
            }
            if (dispatchQueueCapacity < 1) {
                throw new IllegalArgumentException("dispatchQueueCapacity must be at least 1: " + dispatchQueueCapacity);
            }
            return new Settings(endpoint, projectId, connectTimeout, questTimeout, shutdownTimeout, maxPayloadSize,
                    reconnect, keepAlive, dedupCapacity, dispatchThreads, dispatchQueueCapacity, observer, encryption);
        }

        private static void requirePositive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
        }

        public RtmServerClient build() {
            return new RtmServerClient(this);
        }
    }
}
