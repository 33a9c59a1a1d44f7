package io.rtm.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps one connection to the gateway: connects, and after any loss tries
 * again with the {@link ReconnectPolicy}'s delays until {@link #close()}
 * disarms it. A connection counts only once it is ready: its pipeline
 * ({@link ClientPipeline}) holds {@code channelActive} back until the
 * encryption handshake and the listen restore are done, and the watchdog, the
 * last handler, hears it then; an attempt that ends before is a failed one,
 * however far it got, and is reported in one log line with its cause. Right
 * after a ready connection was lost, refused attempts retry steadily (the
 * gateway is most likely restarting); everything else backs off
 * exponentially. All state changes happen on the event loop.
 */
final class ConnectionWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWatchdog.class);
    /** How long a closing connection waits for the gateway to close its end. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    /** What the watchdog reports; called on the event loop. */
    interface Listener {
        void connected(boolean isReconnect);

        void connectFailed(boolean isReconnect);

        void closed(boolean causedByError, boolean willReconnect);
    }

    private final RtmEndpoint endpoint;
    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final ReconnectPolicy reconnect;
    private final Listener listener;
    private final RtmClientObserver observer;
    private final String credentials;
    /** The first ready connection of the current run, from {@link #start()} to {@link #close()}. */
    private volatile CompletableFuture<Void> firstReady = new CompletableFuture<>();

    // event-loop state
    private boolean started;
    /** Set by {@link #close()} until the next {@link #start()}: nothing reconnects meanwhile. */
    private boolean closing;
    /** Attempts of the exponential back-off that failed since the last ready connection. */
    private int failedAttempts;
    /** Every attempt since the last ready connection, as the observer numbers them. */
    private int attemptsSinceReady;
    /** When the last ready connection was lost (System.nanoTime), or 0. */
    private long lostNanos;
    /** Whether every attempt since that loss was refused, i.e. the gateway is most likely restarting. */
    private boolean refusedSinceLoss;
    private boolean everAttempted;
    private @Nullable Channel channel;
    private @Nullable ScheduledFuture<?> pendingReconnect;
    private volatile @Nullable FpnnConnection ready;
    /** Set for a graceful shutdown; backpressure may then no longer resume reading. */
    private boolean readingStopped;
    /** What {@link #close()} returned, while the watch of the connection it closes has not reported it. */
    private @Nullable CompletableFuture<Void> closeDone;

    ConnectionWatchdog(ClientOptions options, EventLoop loop, ClientPipeline pipeline, Listener listener) {
        this.endpoint = options.endpoint();
        this.loop = loop;
        this.reconnect = options.reconnect();
        this.listener = listener;
        this.observer = options.observer();
        this.credentials = options.credentials();
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        FpnnConnection connection = pipeline.install(ch, ConnectionWatchdog.this::refused);
                        ch.pipeline().addLast("rtm-watchdog", new Watch(connection, everAttempted));
                    }
                });
    }

    /**
     * Starts connecting, also again after {@link #close()}; completes when the
     * first connection of this run is ready. Calls while running return the
     * same future.
     */
    synchronized CompletableFuture<Void> start() {
        if (firstReady.isDone()) {
            firstReady = new CompletableFuture<>(); // a new run: the last one's outcome is history
        }
        CompletableFuture<Void> ready = firstReady;
        loop.execute(() -> {
            if (!started) {
                started = true;
                closing = false;
                readingStopped = false;
                failedAttempts = 0;
                attemptsSinceReady = 0;
                lostNanos = 0;
                everAttempted = false;
                attempt();
            }
        });
        return ready;
    }

    /** The event loop all connections of this client run on. */
    EventLoop eventLoop() {
        return loop;
    }

    /** The ready connection, or {@code null} while there is none. */
    @Nullable FpnnConnection ready() {
        return ready;
    }

    /** Stops or resumes reading from the current connection. */
    void setAutoRead(boolean autoRead) {
        // on the event loop, so that a resume can never overtake stopReading()
        if (loop.inEventLoop()) {
            applyAutoRead(autoRead);
        } else {
            loop.execute(() -> applyAutoRead(autoRead));
        }
    }

    private void applyAutoRead(boolean autoRead) {
        FpnnConnection current = ready;
        if (current != null && !(autoRead && readingStopped)) {
            current.channel().config().setAutoRead(autoRead);
        }
    }

    /** Stops reading from the network for good, for a graceful shutdown. */
    CompletableFuture<Void> stopReading() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            readingStopped = true;
            if (channel != null) {
                channel.config().setAutoRead(false);
            }
            done.complete(null);
        });
        return done;
    }

    /**
     * Disarms reconnecting, then closes the connection; completes when it is
     * closed. {@link #start()} may connect again afterwards.
     */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closing = true;
            started = false;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
            firstReady.completeExceptionally(new RtmException(FpnnErrorCode.CORE_CONNECTION_CLOSED,
                    "the client stopped before it connected"));
            Channel current = channel;
            if (current == null) {
                done.complete(null);
            } else if (current.isActive()) {
                closeDone = done; // completed by the watch once it has reported the close
                closeGracefully(current);
            } else {
                current.closeFuture().addListener(f -> done.complete(null)); // still connecting: no watch to hear
                current.close();
            }
        });
        return done;
    }

    /**
     * Closing a socket that still holds unread input makes the kernel reset the
     * connection, and the peer may then lose what was last sent to it: the
     * answers to the pushes handled during shutdown. So quests are no longer
     * served (the gateway keeps them as unanswered), input is read and
     * dropped, and the output is shut down after the last answers; the gateway
     * then closes its end, or the close is forced after {@link #CLOSE_GRACE}.
     */
    private void closeGracefully(Channel open) {
        Watch watch = open.pipeline().get(Watch.class);
        if (!(open instanceof SocketChannel socket) || watch == null) {
            open.close();
            return;
        }
        watch.connection.stopServing();
        open.config().setAutoRead(true);
        socket.shutdownOutput();
        ScheduledFuture<?> force = loop.schedule(() -> open.close(), CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        open.closeFuture().addListener(f -> force.cancel(false));
    }

    private void attempt() {
        pendingReconnect = null;
        if (closing) {
            return;
        }
        boolean isReconnect = everAttempted;
        // connect() runs initChannel at once, on this event loop: its Watch reads everAttempted before it is set
        ChannelFuture connecting = bootstrap.connect(endpoint.host(), endpoint.port());
        everAttempted = true;
        channel = connecting.channel();
        connecting.addListener(f -> {
            Channel connected = connecting.channel();
            if (!f.isSuccess()) {
                if (channel == connected) {
                    channel = null;
                }
                // the channel never became active: its watch hears nothing, so the failure is reported here
                listener.connectFailed(isReconnect);
                retry("Cannot connect to RTM gateway " + endpoint + ": " + rootMessage(f.cause()), true);
            } else if (connected.localAddress().equals(connected.remoteAddress())) {
                // TCP self-connect: with nothing listening on a local port, the kernel may hand that very port
                // to the connecting socket, which then talks to itself and keeps the port from its gateway
                connected.pipeline().fireExceptionCaught(new RtmException(FpnnErrorCode.CORE_CONNECTION_CLOSED,
                        "the connection reached itself: nothing is listening there"));
            }
        });
    }

    private void onReady(Watch watch, Channel connected) {
        if (closing || !connected.isActive()) {
            return;
        }
        failedAttempts = 0;
        attemptsSinceReady = 0;
        lostNanos = 0;
        watch.wasReady = true;
        ready = watch.connection;
        log.info("{} RTM gateway {}", watch.isReconnect ? "Reconnected to" : "Connected to", endpoint);
        listener.connected(watch.isReconnect);
        firstReady.complete(null);
    }

    private void onClosed(Watch watch, Channel closed) {
        // the connection's own failure (bad input) is the root of what a handler reports after it
        Throwable cause = watch.connection.failure() != null ? watch.connection.failure() : watch.cause;
        if (ready == watch.connection) {
            ready = null;
        }
        if (channel == closed) {
            channel = null;
        }
        boolean willReconnect = !closing && reconnect.enabled();
        if (watch.wasReady) {
            if (closing) {
                log.info("Closed the connection to RTM gateway {}", endpoint);
            } else {
                lostNanos = System.nanoTime();
                refusedSinceLoss = true;
                log.warn("Lost the connection to RTM gateway {}{}{}", endpoint, describe(cause),
                        willReconnect ? "; reconnecting" : "");
            }
            listener.closed(!closing, willReconnect);
            if (willReconnect) {
                retry(null, true);
            }
        } else if (!closing) {
            listener.connectFailed(watch.isReconnect);
            // it took the connection but never became ready: not a gateway restarting, so back off
            refusedSinceLoss = false;
            retry("Connection to RTM gateway " + endpoint + " closed before it was ready" + describe(cause), false);
        }
        if (closeDone != null) {
            closeDone.complete(null);
            closeDone = null;
        }
    }

    /**
     * Schedules the next attempt, with one log line for the attempt that
     * failed (when {@code failure} is given) naming the cause and the delay.
     *
     * @param refused whether the attempt never got a connection, which keeps the fast retries after a loss going
     */
    private void retry(@Nullable String failure, boolean refused) {
        if (!reconnect.enabled()) {
            if (failure != null) {
                log.warn("{}; not reconnecting (disabled)", failure);
            }
            firstReady.completeExceptionally(new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION,
                    "could not connect to RTM gateway " + endpoint + " and reconnecting is disabled"));
            return;
        }
        if (closing || pendingReconnect != null) {
            return;
        }
        Duration sinceLoss = lostNanos != 0 && refused && refusedSinceLoss
                ? Duration.ofNanos(System.nanoTime() - lostNanos) : null;
        Duration delay = reconnect.delay(failedAttempts, sinceLoss);
        if (sinceLoss == null || sinceLoss.compareTo(reconnect.fastRetryWindow()) >= 0) {
            failedAttempts++;
        }
        observer.reconnectAttempt(++attemptsSinceReady);
        if (failure != null) {
            log.warn("{}; next attempt in {} ms", failure, delay.toMillis());
        }
        pendingReconnect = loop.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * The gateway refused the listen state of a connection that is otherwise
     * fine; it is asked again on that connection. Refused credentials fail a
     * first {@link #start()} that still waits, so that an application can
     * stop at startup, while the client keeps trying.
     */
    private void refused(RtmException refusal, Duration retryIn) {
        observer.listenRefused(refusal);
        if (refusal.isCredentialsRejected()) {
            log.error("RTM gateway {} refused the credentials ({}): check {}; asking again in {} ms", endpoint,
                    refusal.getMessage(), credentials, retryIn.toMillis());
            firstReady.completeExceptionally(refusal);
        } else {
            log.warn("RTM gateway {} refused the listen state ({}); asking again in {} ms", endpoint,
                    refusal.getMessage(), retryIn.toMillis());
        }
    }

    /** {@code ": cause"} for a log line, or nothing. */
    private static String describe(@Nullable Throwable cause) {
        if (cause == null) {
            return "";
        }
        return ": " + (cause instanceof FpnnException failure ? failure.reason() : rootMessage(cause));
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /**
     * The watchdog's handler on one channel, the last in its pipeline: it hears
     * {@code channelActive} once the connection is ready, and every close.
     */
    private final class Watch extends ChannelInboundHandlerAdapter {

        final FpnnConnection connection;
        final boolean isReconnect;
        boolean wasReady;
        /** What a handler reported as the end of the connection, for the one line that reports it. */
        @Nullable Throwable cause;

        Watch(FpnnConnection connection, boolean isReconnect) {
            this.connection = connection;
            this.isReconnect = isReconnect;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            onReady(this, ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onClosed(this, ctx.channel());
            ctx.fireChannelInactive();
        }

        /** The end of the pipeline: a failure is remembered for the close it leads to. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
            if (cause == null) {
                cause = failure;
            }
            ctx.close();
        }
    }
}
