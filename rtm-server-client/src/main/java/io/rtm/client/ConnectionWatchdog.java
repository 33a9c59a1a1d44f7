package io.rtm.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnKeepAlive;
import io.rtm.fpnn.FpnnPipeline;
import io.rtm.fpnn.FpnnQuestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps one connection to the gateway: connects, runs the restore step (the
 * listen state) before the connection counts as ready, and after any loss
 * reconnects with the {@link ReconnectPolicy}'s back-off until
 * {@link #close()} disarms it. All state changes happen on the event loop.
 */
final class ConnectionWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWatchdog.class);

    /** What the watchdog reports. */
    interface Listener {
        void connected(boolean isReconnect);

        void connectFailed(boolean isReconnect);

        void closed(boolean causedByError, boolean willReconnect);
    }

    private final RtmEndpoint endpoint;
    private final Bootstrap bootstrap;
    private final io.netty.channel.EventLoop loop;
    private final ReconnectPolicy reconnect;
    private final Function<FpnnConnection, CompletableFuture<Void>> restore;
    private final Listener listener;
    private final RtmClientObserver observer;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    // event-loop state
    private boolean started;
    private boolean closing;
    private int failedAttempts;
    private boolean everAttempted;
    private Channel channel;
    private ScheduledFuture<?> pendingReconnect;
    private volatile FpnnConnection ready;

    ConnectionWatchdog(RtmEndpoint endpoint, EventLoopGroup group, Duration connectTimeout, int maxPayloadSize,
                       Duration questTimeout, KeepAlivePolicy keepAlive, ReconnectPolicy reconnect,
                       FpnnQuestHandler questHandler, Function<FpnnConnection, CompletableFuture<Void>> restore,
                       Listener listener, RtmClientObserver observer) {
        this.endpoint = endpoint;
        this.loop = group.next();
        this.reconnect = reconnect;
        this.restore = restore;
        this.listener = listener;
        this.observer = observer;
        this.bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(64 * 1024, 256 * 1024))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (keepAlive.enabled()) {
                            ch.pipeline().addLast("fpnn-keepalive", new FpnnKeepAlive(keepAlive.pingInterval(),
                                    keepAlive.pingTimeout(), keepAlive.retries()));
                        }
                        FpnnPipeline.install(ch.pipeline(), maxPayloadSize, new FpnnConnection(questHandler, questTimeout));
                    }
                });
    }

    /** Starts connecting; completes when the first connection is ready. Later calls return the same future. */
    CompletableFuture<Void> start() {
        loop.execute(() -> {
            if (!started && !closing) {
                started = true;
                attempt();
            }
        });
        return firstReady;
    }

    /** The ready connection, or {@code null} while there is none. */
    FpnnConnection ready() {
        return ready;
    }

    /** Stops or resumes reading from the current connection. */
    void setAutoRead(boolean autoRead) {
        FpnnConnection current = ready;
        if (current != null) {
            current.channel().config().setAutoRead(autoRead);
        }
    }

    /** Disarms reconnecting, then closes the connection; completes when it is closed. */
    CompletableFuture<Void> close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            closing = true;
            if (pendingReconnect != null) {
                pendingReconnect.cancel(false);
            }
            if (!firstReady.isDone()) {
                firstReady.completeExceptionally(new RtmException(io.rtm.fpnn.FpnnErrorCode.CORE_CONNECTION_CLOSED,
                        "client closed before it connected"));
            }
            if (channel == null) {
                done.complete(null);
            } else {
                // added after onClosed's listener, so it runs once the closed callback is queued
                channel.closeFuture().addListener(f -> done.complete(null));
                channel.close();
            }
        });
        return done;
    }

    /** Stops reading from the network, for a graceful shutdown. */
    CompletableFuture<Void> stopReading() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            if (channel != null) {
                channel.config().setAutoRead(false);
            }
            done.complete(null);
        });
        return done;
    }

    private void attempt() {
        pendingReconnect = null;
        if (closing) {
            return;
        }
        boolean isReconnect = everAttempted;
        everAttempted = true;
        ChannelFuture connecting = bootstrap.connect(endpoint.host(), endpoint.port());
        channel = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("Cannot connect to RTM gateway {}: {}", endpoint, rootMessage(f.cause()));
                listener.connectFailed(isReconnect);
                scheduleReconnect();
                return;
            }
            Channel connected = connecting.channel();
            FpnnConnection connection = connected.pipeline().get(FpnnConnection.class);
            connected.closeFuture().addListener(c -> onClosed(connected, connection, isReconnect));
            restore.apply(connection).whenComplete((ok, failure) -> loop.execute(() -> {
                if (failure != null) {
                    log.warn("Connected to RTM gateway {}, but the listen state could not be applied: {}",
                            endpoint, RtmException.of(failure).getMessage());
                    connected.close();
                } else if (connected.isActive() && !closing) {
                    failedAttempts = 0;
                    ready = connection;
                    log.info("{} RTM gateway {}", isReconnect ? "Reconnected to" : "Connected to", endpoint);
                    listener.connected(isReconnect);
                    firstReady.complete(null);
                }
            }));
        });
    }

    private void onClosed(Channel closed, FpnnConnection connection, boolean wasReconnect) {
        boolean wasReady = ready == connection;
        if (wasReady) {
            ready = null;
        }
        if (channel == closed) {
            channel = null;
        }
        boolean willReconnect = !closing && reconnect.enabled();
        if (wasReady) {
            if (closing) {
                log.info("Closed the connection to RTM gateway {}", endpoint);
            } else {
                log.warn("Lost the connection to RTM gateway {}{}", endpoint, willReconnect ? "; reconnecting" : "");
            }
            listener.closed(!closing, willReconnect);
        } else if (!closing) {
            listener.connectFailed(wasReconnect);
        }
        if (willReconnect) {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        if (!reconnect.enabled() && !firstReady.isDone()) {
            firstReady.completeExceptionally(new RtmException(io.rtm.fpnn.FpnnErrorCode.CORE_INVALID_CONNECTION,
                    "could not connect to RTM gateway " + endpoint + " and reconnecting is disabled"));
        }
        if (closing || !reconnect.enabled() || pendingReconnect != null) {
            return;
        }
        Duration delay = reconnect.delay(failedAttempts++);
        observer.reconnectAttempt(failedAttempts);
        log.debug("Reconnecting to RTM gateway {} in {} ms", endpoint, delay.toMillis());
        pendingReconnect = loop.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }
}
