package io.rtm.client;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnFrameDecoder;
import io.rtm.fpnn.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
 * {@link #close()}: a lost connection is reconnected with back-off, and every
 * new connection gets the {@linkplain #desiredListenState() desired listen
 * state} in one {@code setlisten} before it counts as
 * {@linkplain #isConnected() connected}. Pushes are handed to the
 * {@link RtmPushListener} (or the adapted {@link RtmServerPushMonitor}) on
 * dispatch threads, in order per conversation, duplicates dropped, and
 * answered to the gateway as the {@linkplain Builder#ackMode(AckMode) ack
 * mode} says: by default ({@link AckMode#AFTER_HANDLING}) once the listener
 * is done with the push (returned, or the stage it returned completed; a
 * push whose stage failed is left unanswered, for the gateway to push
 * again); with {@link AckMode#ON_RECEIPT} on the network thread as soon as
 * it arrives.
 *
 * <p>Each listen call changes the desired listen state at once and has a
 * blocking form, which throws {@link RtmException} when the gateway did not
 * confirm the change, and an async form. While connected the change is sent
 * as its own quest and {@linkplain #listenState() confirmed} by the gateway's
 * OK; while the connection is down it waits for the next one, which applies
 * it with the rest (a call made before {@link #connect()} fails at once with
 * 20012, its change kept all the same).
 */
public final class RtmServerClient implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RtmServerClient.class);

    private final ClientOptions options;
    private final RtmSigner signer;
    private final UniqueIds messageIds;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final PushDispatcher dispatcher;
    private final ListenSync listens;
    private final ConnectionWatchdog watchdog;
    private final PushHandler pushHandler;
    private volatile RtmPushListener pushListener;
    private volatile RtmConnectionListener connectionListener;
    /** Guards the lifecycle: connect, disconnect and close are taken one at a time. */
    private final Object lifecycle = new Object();
    /** Between connect and disconnect. */
    private boolean running;
    private boolean closed;

    private RtmServerClient(Builder builder) {
        this.options = builder.options();
        this.signer = new RtmSigner(options.projectId(), builder.secretKey, builder.salts);
        this.messageIds = UniqueIds.messageIds();
        this.pushListener = builder.pushListener;
        this.connectionListener = builder.connectionListener;
        this.ownsGroup = builder.eventLoopGroup == null;
        this.group = ownsGroup
                // not a daemon: like any network client, an open one keeps the application running
                ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rtm-io", false), NioIoHandler.newFactory())
                : builder.eventLoopGroup;
        EventLoop loop = group.next();
        this.dispatcher = new PushDispatcher(options.dispatchThreads(), options.dispatchQueueCapacity(),
                () -> pushListener, new PushDispatcher.Backpressure() {
                    @Override
                    public void pause() {
                        watchdog.setAutoRead(false);
                    }

                    @Override
                    public void resume() {
                        watchdog.setAutoRead(true);
                    }
                }, this::forgetPush, options.observer());
        this.pushHandler = new PushHandler(options.dedupCapacity(), dispatcher, options.ackMode(), options.observer(),
                () -> connectionListener.pinged());
        this.listens = new ListenSync(this::send, loop, options.questTimeout(), builder.listeningSuspended);
        this.watchdog = new ConnectionWatchdog(options, loop, new ClientPipeline(options, pushHandler, listens),
                new ConnectionEvents());
    }

    /** A builder; endpoint, project id and secret key are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Makes the de-duplication forget a push whose handling failed, so that it is handled when pushed again. */
    private void forgetPush(Object push) {
        pushHandler.forget(push);
    }

    // ---- lifecycle ---------------------------------------------------------

    /**
     * Connects and waits until the first connection is ready, at most the
     * connect timeout. The client keeps trying in the background if this
     * fails, until {@link #disconnect()} or {@link #close()}.
     *
     * @throws RtmException 20003 when the timeout passes first; the gateway's
     *         error when it refused the credentials (200001, 200002: see
     *         {@link RtmException#isCredentialsRejected()}); or the failure that
     *         ended the attempts
     */
    public void connect() {
        CompletableFuture<Void> ready = connectAsync();
        try {
            ready.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new RtmException(FpnnErrorCode.CORE_TIMEOUT, "not connected to RTM gateway " + options.endpoint()
                    + " within " + options.connectTimeout().toMillis() + " ms; still trying");
        } catch (ExecutionException e) {
            throw RtmException.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtmException(FpnnErrorCode.CORE_UNKNOWN_ERROR, "interrupted while connecting");
        }
    }

    /**
     * Starts connecting, also again after {@link #disconnect()}; the future
     * completes when the first connection is ready, and fails as
     * {@link #connect()} throws (the client keeps trying meanwhile).
     */
    public CompletableFuture<Void> connectAsync() {
        synchronized (lifecycle) {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION, "the client is closed"));
            }
            if (!running) {
                running = true;
                dispatcher.start();
                listens.connecting(true);
            }
            return watchdog.start();
        }
    }

    /** Whether a connection is up and the desired listen state applied on it. */
    public boolean isConnected() {
        FpnnConnection connection = watchdog.ready();
        return connection != null && connection.isActive();
    }

    /**
     * Disconnects gracefully; {@link #connect()} may connect again later, with
     * the same desired listen state. Stops reading, lets the pushes already
     * received reach the push listener (at most the shutdown timeout), closes
     * the connection and stops the dispatch threads. Pushes that arrive
     * meanwhile, or that were not handled in time, are left unanswered (with
     * {@link AckMode#AFTER_HANDLING}), so the gateway counts them as not
     * delivered and pushes them again; the client has forgotten them, so they
     * are handled then.
     */
    public void disconnect() {
        synchronized (lifecycle) {
            if (!running) {
                return;
            }
            running = false;
            listens.connecting(false);
            await(watchdog.stopReading(), options.connectTimeout());
            int left = dispatcher.drainPushes(options.shutdownTimeout());
            if (left > 0) {
                log.warn("{} received pushes were not handled within the shutdown timeout of {} ms and are left"
                        + " unanswered", left, options.shutdownTimeout().toMillis());
            }
            await(watchdog.close(), options.connectTimeout());
            dispatcher.stopConnectionLane(options.shutdownTimeout());
            await(CompletableFuture.runAsync(pushHandler::forgetSeen, watchdog.eventLoop()), options.connectTimeout());
        }
    }

    /**
     * Closes the client for good: {@link #disconnect()}s, then stops every
     * thread the client started. It never connects again.
     */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            disconnect();
            closed = true;
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
    public void setServerPushMonitor(@Nullable RtmServerPushMonitor monitor) {
        MonitorListener adapted = monitor == null ? null : new MonitorListener(monitor);
        setPushListener(adapted);
        setConnectionListener(adapted);
    }

    /** Replaces the listener that receives pushes; {@code null} receives nothing. */
    public void setPushListener(@Nullable RtmPushListener listener) {
        this.pushListener = listener == null ? Silent.INSTANCE : listener;
    }

    /** Replaces the listener of connection changes; {@code null} hears nothing. */
    public void setConnectionListener(@Nullable RtmConnectionListener listener) {
        this.connectionListener = listener == null ? Silent.INSTANCE : listener;
    }

    /** The gateway address. */
    public RtmEndpoint endpoint() {
        return options.endpoint();
    }

    /** The project id. */
    public long projectId() {
        return options.projectId();
    }

    /** Pushes received and waiting for the push listener. */
    public int dispatchQueueDepth() {
        return dispatcher.depth();
    }

    /**
     * The listen state the gateway has confirmed on the current connection;
     * empty while there is none.
     */
    public ListenState listenState() {
        return listens.confirmed();
    }

    /**
     * The listen state the client wants, given to every new connection in one
     * {@code setlisten} before it counts as connected: every listen call
     * changes it at once, also while not connected.
     */
    public ListenState desiredListenState() {
        return listens.desired();
    }

    /**
     * Suspends listening: the gateway is given the empty listen state, on the
     * current connection (one {@code setlisten}) and on every new one, so that
     * no new push is routed to this client, while its desired listen state is
     * kept; listen calls go on changing it, and complete at once. Pushes read
     * before are still handled. A standby of a cluster listens like this.
     *
     * @return completed once the gateway confirmed the empty state (at once when not connected)
     */
    public CompletableFuture<Void> suspendListening() {
        return listens.suspend(true);
    }

    /**
     * Resumes listening: the current connection, and every new one, is given
     * the desired listen state again, runtime changes made meanwhile included.
     *
     * @return completed once the gateway confirmed it (at once when not connected)
     */
    public CompletableFuture<Void> resumeListening() {
        return listens.suspend(false);
    }

    /** Whether listening is suspended. */
    public boolean isListeningSuspended() {
        return listens.isSuspended();
    }

    // ---- listen API --------------------------------------------------------
    // Every call changes the desired listen state at once; null sets count as empty.

    /**
     * Adds ids and events to listen to and waits for the gateway's confirmation
     * (at most the quest timeout).
     *
     * @throws RtmException when the gateway did not confirm the change: its
     *         error answer, 20003 when it did not answer in time, 20002 when the
     *         connection closed first, 20012 when not connected in time. In
     *         every case the change stays in the {@linkplain #desiredListenState()
     *         desired listen state} and is applied on the next connection.
     */
    public void addListen(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                          @Nullable Set<String> events) {
        join(addListenAsync(gids, rids, uids, events, null));
    }

    /** {@link #addListen(Set, Set, Set, Set)}, waiting at most {@code timeout} ({@code null}: the quest timeout). */
    public void addListen(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                          @Nullable Set<String> events, @Nullable Duration timeout) {
        join(addListenAsync(gids, rids, uids, events, timeout));
    }

    /** {@link #addListenAsync(Set, Set, Set, Set, Duration)} with the quest timeout. */
    public CompletableFuture<Void> addListenAsync(@Nullable Set<Long> gids, @Nullable Set<Long> rids,
                                                  @Nullable Set<Long> uids, @Nullable Set<String> events) {
        return addListenAsync(gids, rids, uids, events, null);
    }

    /**
     * Adds ids and events to listen to; empty sets are not sent. The future
     * completes once the gateway confirmed the change, and fails as
     * {@link #addListen(Set, Set, Set, Set)} throws.
     *
     * @param timeout how long to wait for the gateway; {@code null} for the quest timeout
     */
    public CompletableFuture<Void> addListenAsync(@Nullable Set<Long> gids, @Nullable Set<Long> rids,
                                                  @Nullable Set<Long> uids, @Nullable Set<String> events,
                                                  @Nullable Duration timeout) {
        return listens.change("addlisten", ListenSync.givenIds(gids, rids, uids, events),
                state -> state.plus(gids, rids, uids, events), timeout);
    }

    /** Stops listening to ids and events; waits and throws as {@link #addListen(Set, Set, Set, Set)}. */
    public void removeListen(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                             @Nullable Set<String> events) {
        join(removeListenAsync(gids, rids, uids, events, null));
    }

    /** {@link #removeListen(Set, Set, Set, Set)}, waiting at most {@code timeout} ({@code null}: the quest timeout). */
    public void removeListen(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                             @Nullable Set<String> events, @Nullable Duration timeout) {
        join(removeListenAsync(gids, rids, uids, events, timeout));
    }

    /** {@link #removeListenAsync(Set, Set, Set, Set, Duration)} with the quest timeout. */
    public CompletableFuture<Void> removeListenAsync(@Nullable Set<Long> gids, @Nullable Set<Long> rids,
                                                     @Nullable Set<Long> uids, @Nullable Set<String> events) {
        return removeListenAsync(gids, rids, uids, events, null);
    }

    /** Stops listening to ids and events; empty sets are not sent. Completes and fails as {@code addListenAsync}. */
    public CompletableFuture<Void> removeListenAsync(@Nullable Set<Long> gids, @Nullable Set<Long> rids,
                                                     @Nullable Set<Long> uids, @Nullable Set<String> events,
                                                     @Nullable Duration timeout) {
        return listens.change("removelisten", ListenSync.givenIds(gids, rids, uids, events),
                state -> state.minus(gids, rids, uids, events), timeout);
    }

    /** Replaces all four id sets; waits and throws as {@link #addListen(Set, Set, Set, Set)}. */
    public void setListen(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                          @Nullable Set<String> events) {
        join(setListenAsync(gids, rids, uids, events, null));
    }

    /** {@link #setListen(Set, Set, Set, Set)}, waiting at most {@code timeout} ({@code null}: the quest timeout). */
    public void setListen(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                          @Nullable Set<String> events, @Nullable Duration timeout) {
        join(setListenAsync(gids, rids, uids, events, timeout));
    }

    /** {@link #setListenAsync(Set, Set, Set, Set, Duration)} with the quest timeout. */
    public CompletableFuture<Void> setListenAsync(@Nullable Set<Long> gids, @Nullable Set<Long> rids,
                                                  @Nullable Set<Long> uids, @Nullable Set<String> events) {
        return setListenAsync(gids, rids, uids, events, null);
    }

    /**
     * Replaces all four id sets (all four are sent, empty ones as empty
     * arrays). Completes and fails as {@code addListenAsync}.
     */
    public CompletableFuture<Void> setListenAsync(@Nullable Set<Long> gids, @Nullable Set<Long> rids,
                                                  @Nullable Set<Long> uids, @Nullable Set<String> events,
                                                  @Nullable Duration timeout) {
        return listens.change("setlisten", ListenSync.allIds(gids, rids, uids, events),
                state -> state.withIds(gids, rids, uids, events), timeout);
    }

    /**
     * Sets the listen-to-all flags that are given, the others staying as they
     * are; waits and throws as {@link #addListen(Set, Set, Set, Set)}.
     */
    public void setListen(ListenFlags flags) {
        join(setListenAsync(flags, null));
    }

    /** {@link #setListen(ListenFlags)}, waiting at most {@code timeout} ({@code null}: the quest timeout). */
    public void setListen(ListenFlags flags, @Nullable Duration timeout) {
        join(setListenAsync(flags, timeout));
    }

    /** {@link #setListenAsync(ListenFlags, Duration)} with the quest timeout. */
    public CompletableFuture<Void> setListenAsync(ListenFlags flags) {
        return setListenAsync(flags, null);
    }

    /**
     * Sets the listen-to-all flags that are given; the others stay as they
     * are. Completes and fails as {@code addListenAsync}.
     */
    public CompletableFuture<Void> setListenAsync(ListenFlags flags, @Nullable Duration timeout) {
        Objects.requireNonNull(flags, "flags");
        if (flags.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return listens.change("setlisten", ListenSync.givenFlags(flags), state -> state.withFlags(flags), timeout);
    }

    // ---- sending -----------------------------------------------------------
    // Each message gets a fresh id, unique in the process and most unlikely to meet another process's; the
    // gateway answers with the message's time (mtime, ms). A blocking form waits at most the quest timeout.

    /** Sends a P2P text message from {@code from} to {@code to}; returns its mtime. */
    public long sendMessage(long from, long to, int mtype, String text, @Nullable String attrs) {
        return join(sendMessageAsync(from, to, mtype, text, attrs));
    }

    /** Sends a P2P binary message; returns its mtime. */
    public long sendMessage(long from, long to, int mtype, byte[] content, @Nullable String attrs) {
        return join(sendMessageAsync(from, to, mtype, content, attrs));
    }

    /** Sends a P2P text message ({@code sendmsg}); completes with its mtime. */
    public CompletableFuture<Long> sendMessageAsync(long from, long to, int mtype, String text,
                                                    @Nullable String attrs) {
        return sendAsync("sendmsg", Payload.builder().put("to", to), from, mtype, text, attrs);
    }

    /** Sends a P2P binary message ({@code sendmsg}); completes with its mtime. */
    public CompletableFuture<Long> sendMessageAsync(long from, long to, int mtype, byte[] content,
                                                    @Nullable String attrs) {
        return sendAsync("sendmsg", Payload.builder().put("to", to), from, mtype, content, attrs);
    }

    /** Sends one text message to several users; returns its mtime. */
    public long sendMessages(long from, Set<Long> tos, int mtype, String text, @Nullable String attrs) {
        return join(sendMessagesAsync(from, tos, mtype, text, attrs));
    }

    /** Sends one binary message to several users; returns its mtime. */
    public long sendMessages(long from, Set<Long> tos, int mtype, byte[] content, @Nullable String attrs) {
        return join(sendMessagesAsync(from, tos, mtype, content, attrs));
    }

    /** Sends one text message to several users ({@code sendmsgs}, one message id); completes with its mtime. */
    public CompletableFuture<Long> sendMessagesAsync(long from, Set<Long> tos, int mtype, String text,
                                                     @Nullable String attrs) {
        return sendAsync("sendmsgs", Payload.builder().put("tos", users(tos)), from, mtype, text, attrs);
    }

    /** Sends one binary message to several users ({@code sendmsgs}); completes with its mtime. */
    public CompletableFuture<Long> sendMessagesAsync(long from, Set<Long> tos, int mtype, byte[] content,
                                                     @Nullable String attrs) {
        return sendAsync("sendmsgs", Payload.builder().put("tos", users(tos)), from, mtype, content, attrs);
    }

    /** Sends a text message to a group; returns its mtime. */
    public long sendGroupMessage(long from, long gid, int mtype, String text, @Nullable String attrs) {
        return join(sendGroupMessageAsync(from, gid, mtype, text, attrs));
    }

    /** Sends a binary message to a group; returns its mtime. */
    public long sendGroupMessage(long from, long gid, int mtype, byte[] content, @Nullable String attrs) {
        return join(sendGroupMessageAsync(from, gid, mtype, content, attrs));
    }

    /** Sends a text message to a group ({@code sendgroupmsg}); completes with its mtime. */
    public CompletableFuture<Long> sendGroupMessageAsync(long from, long gid, int mtype, String text,
                                                         @Nullable String attrs) {
        return sendAsync("sendgroupmsg", Payload.builder().put("gid", gid), from, mtype, text, attrs);
    }

    /** Sends a binary message to a group ({@code sendgroupmsg}); completes with its mtime. */
    public CompletableFuture<Long> sendGroupMessageAsync(long from, long gid, int mtype, byte[] content,
                                                         @Nullable String attrs) {
        return sendAsync("sendgroupmsg", Payload.builder().put("gid", gid), from, mtype, content, attrs);
    }

    /** Sends a text message to a room; returns its mtime. */
    public long sendRoomMessage(long from, long rid, int mtype, String text, @Nullable String attrs) {
        return join(sendRoomMessageAsync(from, rid, mtype, text, attrs));
    }

    /** Sends a binary message to a room; returns its mtime. */
    public long sendRoomMessage(long from, long rid, int mtype, byte[] content, @Nullable String attrs) {
        return join(sendRoomMessageAsync(from, rid, mtype, content, attrs));
    }

    /** Sends a text message to a room ({@code sendroommsg}); completes with its mtime. */
    public CompletableFuture<Long> sendRoomMessageAsync(long from, long rid, int mtype, String text,
                                                        @Nullable String attrs) {
        return sendAsync("sendroommsg", Payload.builder().put("rid", rid), from, mtype, text, attrs);
    }

    /** Sends a binary message to a room ({@code sendroommsg}); completes with its mtime. */
    public CompletableFuture<Long> sendRoomMessageAsync(long from, long rid, int mtype, byte[] content,
                                                        @Nullable String attrs) {
        return sendAsync("sendroommsg", Payload.builder().put("rid", rid), from, mtype, content, attrs);
    }

    /**
     * Sends a message quest: the target's fields, then {@code from}, a fresh
     * {@code mid}, {@code mtype}, {@code msg} (a str for text, a bin for
     * bytes) and {@code attrs}.
     */
    private CompletableFuture<Long> sendAsync(String method, Payload.Builder fields, long from, int mtype,
                                              Object msg, @Nullable String attrs) {
        if (mtype < 0 || mtype > 127) {
            throw new IllegalArgumentException("mtype must be 0..127, not " + mtype);
        }
        Objects.requireNonNull(msg, "the message's content");
        fields.put("from", from).put("mid", messageIds.next()).put("mtype", mtype).put("msg", msg)
                .put("attrs", attrs == null ? "" : attrs);
        return questAsync(method, fields.build(), null).thenApply(answer -> answer.getLong("mtime"));
    }

    private static Set<Long> users(Set<Long> tos) {
        if (tos.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one receiving user");
        }
        return tos;
    }

    /**
     * Sends any signed quest to the gateway (for RTM server calls beyond
     * listening), with {@code pid}, {@code sign}, {@code salt} and {@code ts} added.
     *
     * @param timeout {@code null} for the configured quest timeout
     * @return the answer's payload, or an {@link RtmException}
     */
    public CompletableFuture<Payload> questAsync(String method, Payload fields, @Nullable Duration timeout) {
        FpnnConnection connection = watchdog.ready();
        if (connection == null) {
            return CompletableFuture.failedFuture(new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION,
                    "not connected to RTM gateway " + options.endpoint() + ": cannot send '" + method + "'"));
        }
        return send(connection, method, fields, timeout);
    }

    /** Signs and sends a quest on the connection, and tells the observer how it went. */
    private CompletableFuture<Payload> send(FpnnConnection connection, String method, Payload fields,
                                            @Nullable Duration timeout) {
        long start = System.nanoTime();
        CompletableFuture<Payload> result = new CompletableFuture<>();
        // null: the connection's own default, the client's quest timeout
        connection.sendQuest(method, signer.signed(method, fields), timeout)
                .whenComplete((answer, failure) -> {
                    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                    if (failure == null) {
                        options.observer().questCompleted(method, elapsed, 0);
                        result.complete(answer);
                    } else {
                        RtmException error = RtmException.of(failure);
                        options.observer().questCompleted(method, elapsed, error.code());
                        result.completeExceptionally(error);
                    }
                });
        return result;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            throw RtmException.of(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RtmException(FpnnErrorCode.CORE_UNKNOWN_ERROR, "interrupted while waiting for the gateway");
        }
    }

    @Override
    public String toString() {
        return "RtmServerClient{endpoint=" + options.endpoint() + ", projectId=" + options.projectId()
                + (options.encryption() != null ? ", encryption=" + options.encryption() : "")
                + ", connected=" + isConnected() + "}";
    }

    /** Reports connection changes to the connection listener, on the dispatch lane for connection callbacks. */
    private final class ConnectionEvents implements ConnectionWatchdog.Listener {

        @Override
        public void connected(boolean isReconnect) {
            options.observer().connected(isReconnect);
            dispatcher.dispatchControl(() -> connectionListener.connected(options.endpoint(), isReconnect));
        }

        @Override
        public void connectFailed(boolean isReconnect) {
            dispatcher.dispatchControl(() -> connectionListener.connectFailed(options.endpoint(), isReconnect));
        }

        @Override
        public void closed(boolean causedByError, boolean willReconnect) {
            options.observer().disconnected(causedByError);
            dispatcher.dispatchControl(() -> connectionListener.disconnected(options.endpoint(), causedByError,
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

    /** Builds an {@link RtmServerClient}; endpoint, project id and secret key are required. */
    public static final class Builder {

        private @Nullable RtmEndpoint endpoint;
        private long projectId;
        private @Nullable String secretKey;
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
        private @Nullable EventLoopGroup eventLoopGroup;
        private UniqueIds salts = UniqueIds.shared();
        private @Nullable RtmEncryption encryption;
        private String credentials = "the project id and the secret key";
        private AckMode ackMode = AckMode.AFTER_HANDLING;
        private boolean listeningSuspended;

        private Builder() {
        }

        /** The gateway, as {@code host:port}. */
        public Builder endpoint(String endpoint) {
            this.endpoint = RtmEndpoint.parse(endpoint);
            return this;
        }

        /** The gateway by host and port. */
        public Builder endpoint(String host, int port) {
            this.endpoint = new RtmEndpoint(host, port);
            return this;
        }

        /** The gateway. */
        public Builder endpoint(RtmEndpoint endpoint) {
            this.endpoint = endpoint;
            return this;
        }

        /** The RTM project id quests are signed for. */
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

        /**
         * How long {@link RtmServerClient#disconnect()} (and so {@link RtmServerClient#close()}) lets received
         * pushes reach the push listener (default 10 s).
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
            return this;
        }

        /** The largest payload accepted from the gateway, in bytes (default 8 MiB). */
        public Builder maxPayloadSize(int maxPayloadSize) {
            this.maxPayloadSize = maxPayloadSize;
            return this;
        }

        /** When to try again after a lost or failed connection (default {@link ReconnectPolicy#DEFAULT}). */
        public Builder reconnect(ReconnectPolicy reconnect) {
            this.reconnect = Objects.requireNonNull(reconnect, "reconnect");
            return this;
        }

        /** When to ping a silent connection (default {@link KeepAlivePolicy#DEFAULT}). */
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
        public Builder serverPushMonitor(@Nullable RtmServerPushMonitor monitor) {
            MonitorListener adapted = monitor == null ? null : new MonitorListener(monitor);
            return pushListener(adapted).connectionListener(adapted);
        }

        /** Where pushes go, on the dispatch threads; {@code null} (the default) receives nothing. */
        public Builder pushListener(@Nullable RtmPushListener listener) {
            this.pushListener = listener == null ? Silent.INSTANCE : listener;
            return this;
        }

        /** Where connection changes go, on the connection thread; {@code null} (the default) hears nothing. */
        public Builder connectionListener(@Nullable RtmConnectionListener listener) {
            this.connectionListener = listener == null ? Silent.INSTANCE : listener;
            return this;
        }

        /**
         * Measurement hooks, called on network threads, except {@link RtmClientObserver#pushFailed}, which is
         * called on the thread that completed the listener's stage (a dispatch thread or another);
         * {@code null} (the default) observes nothing.
         */
        public Builder observer(@Nullable RtmClientObserver observer) {
            this.observer = observer == null ? RtmClientObserver.NONE : observer;
            return this;
        }

        /** Where salts come from; tests replace it to provoke a replayed salt. */
        Builder salts(UniqueIds salts) {
            this.salts = salts;
            return this;
        }

        /** A Netty event loop group to share; the client does not shut it down. */
        public Builder eventLoopGroup(@Nullable EventLoopGroup eventLoopGroup) {
            this.eventLoopGroup = eventLoopGroup;
            return this;
        }

        /**
         * When pushes are answered to the gateway (default
         * {@link AckMode#AFTER_HANDLING}: once the push listener returned).
         */
        public Builder ackMode(AckMode ackMode) {
            this.ackMode = Objects.requireNonNull(ackMode, "ackMode");
            return this;
        }

        /**
         * Whether the client starts with listening suspended (default
         * {@code false}): its connections are given the empty listen state
         * until {@link RtmServerClient#resumeListening()}. A cluster member
         * starts so, until it is elected.
         */
        public Builder listeningSuspended(boolean suspended) {
            this.listeningSuspended = suspended;
            return this;
        }

        /**
         * How the ERROR line about credentials the gateway refused names where
         * they are set (default "the project id and the secret key"); a
         * framework names its own settings, such as
         * {@code "rtm.project-id and rtm.secret-key"}.
         */
        public Builder credentialsDescription(String credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /**
         * Encrypts every connection with the gateway's public key (protocol
         * section 9); {@code null} (the default) connects in plain.
         */
        public Builder encryption(@Nullable RtmEncryption encryption) {
            this.encryption = encryption;
            return this;
        }

        private ClientOptions options() {
            if (endpoint == null) {
                throw new IllegalArgumentException("endpoint is required (host:port of the RTM gateway)");
            }
            if (projectId <= 0) {
                throw new IllegalArgumentException("projectId is required and must be positive");
            }
            if (secretKey == null || secretKey.isEmpty()) {
                throw new IllegalArgumentException("secretKey is required");
            }
            Durations.requirePositive(connectTimeout, "connectTimeout");
            Durations.requirePositive(questTimeout, "questTimeout");
            Durations.requirePositive(shutdownTimeout, "shutdownTimeout");
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
            return new ClientOptions(endpoint, projectId, connectTimeout, questTimeout, shutdownTimeout, maxPayloadSize,
                    reconnect, keepAlive, dedupCapacity, dispatchThreads, dispatchQueueCapacity, ackMode, observer,
                    encryption, credentials);
        }

        /**
         * The client, not yet connected.
         *
         * @throws IllegalArgumentException naming the setting that is missing or invalid
         */
        public RtmServerClient build() {
            return new RtmServerClient(this);
        }
    }
}
