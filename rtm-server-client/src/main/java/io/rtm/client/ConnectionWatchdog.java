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
import io.rtm.fpnn.crypto.FpnnCipherHandler;
import io.rtm.fpnn.crypto.FpnnKeyExchange;
import io.netty.util.AttributeKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Keeps one connection to the gateway: connects, runs the encryption
 * handshake when configured ({@code *key}, the first quest of every
 * connection), then the restore step (the listen state) before the connection
 * counts as ready, and after any loss
 * reconnects with the {@link ReconnectPolicy}'s back-off until
 * {@link #close()} disarms it. All state changes happen on the event loop.
 */
final class ConnectionWatchdog {

    private static final Logger log = LoggerFactory.getLogger(ConnectionWatchdog.class);
    /** How long a closing connection waits for the gateway to close its end. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final AttributeKey<FpnnKeyExchange> KEY_EXCHANGE =
            AttributeKey.valueOf(ConnectionWatchdog.class, "keyExchange");

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
    private final RtmEncryption encryption;
    private final CompletableFuture<Void> firstReady = new CompletableFuture<>();

    // event-loop state
    private boolean started;
    private boolean closing;
    private int failedAttempts;
    private boolean everAttempted;
    private Channel channel;
    private ScheduledFuture<?> pendingReconnect;
    private volatile FpnnConnection ready;
    /** Event-loop only: set for a graceful shutdown; backpressure may then no longer resume reading. */
    private boolean readingStopped;

    ConnectionWatchdog(RtmEndpoint endpoint, EventLoopGroup group, Duration connectTimeout, int maxPayloadSize,
                       Duration questTimeout, KeepAlivePolicy keepAlive, ReconnectPolicy reconnect,
                       FpnnQuestHandler questHandler, Function<FpnnConnection, CompletableFuture<Void>> restore,
                       Listener listener, RtmClientObserver observer, RtmEncryption encryption) {
        this.endpoint = endpoint;
        this.encryption = encryption;
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
                        FpnnConnection connection = new FpnnConnection(questHandler, questTimeout);
                        if (keepAlive.enabled()) {
                            ch.pipeline().addLast("fpnn-keepalive", new FpnnKeepAlive(connection, keepAlive.pingInterval(),
                                    keepAlive.pingTimeout(), keepAlive.retries()));
                        }
                        if (encryption != null) {
                            // a fresh ephemeral key per connection; the cipher passes the *key quest in plain
                            FpnnKeyExchange exchange = FpnnKeyExchange.start(encryption.gatewayKey(),
                                    encryption.mode() == RtmEncryption.Mode.STREAM, encryption.keySize());
                            ch.attr(KEY_EXCHANGE).set(exchange);
                            ch.pipeline().addLast(FpnnCipherHandler.NAME,
                                    FpnnCipherHandler.forClient(exchange, maxPayloadSize));
                        }
                        FpnnPipeline.install(ch.pipeline(), maxPayloadSize, connection);
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
                closeGracefully(channel);
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
    private void closeGracefully(Channel closing) {
        FpnnConnection connection = closing.pipeline().get(FpnnConnection.class);
        if (!(closing instanceof SocketChannel socket) || connection == null || !closing.isActive()) {
            closing.close();
            return;
        }
        connection.stopServing();
        closing.config().setAutoRead(true);
        socket.shutdownOutput();
        ScheduledFuture<?> force = loop.schedule(() -> {
            closing.close();
        }, CLOSE_GRACE.toNanos(), TimeUnit.NANOSECONDS);
        closing.closeFuture().addListener(f -> force.cancel(false));
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
            if (connected.localAddress().equals(connected.remoteAddress())) {
                // TCP self-connect: with nothing listening on a local port, the kernel may hand that very port
                // to the connecting socket, which then talks to itself and keeps the port from its gateway
                log.warn("Connection to RTM gateway {} reached itself: nothing is listening there", endpoint);
                connected.close();
                return;
            }
            // the restore step waits for the handshake: nothing but *key goes out before its answer
            handshake(connected, connection).thenCompose(encrypted -> restore.apply(connection))
                    .whenComplete((ok, failure) -> loop.execute(() -> {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof HandshakeFailed) {
                            log.warn("Encryption handshake with RTM gateway {} failed, closing the connection: {}",
                                    endpoint, cause.getMessage());
                            connected.close();
                        } else if (cause != null) {
                            log.warn("Connected to RTM gateway {}, but the listen state could not be applied: {}",
                                    endpoint, RtmException.of(cause).getMessage());
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

    /**
     * Sends {@code *key}, the first quest on an encrypted connection, and
     * completes when its (enciphered) answer arrives; at once without
     * encryption. Called on the event loop right after the connect, so
     * nothing is written before it.
     */
    private CompletableFuture<Void> handshake(Channel connected, FpnnConnection connection) {
        FpnnKeyExchange exchange = connected.attr(KEY_EXCHANGE).getAndSet(null);
        if (exchange == null) {
            return CompletableFuture.completedFuture(null);
        }
        FpnnCipherHandler cipher = connected.pipeline().get(FpnnCipherHandler.class);
        CompletableFuture<Void> done = new CompletableFuture<>();
        connection.sendQuest(FpnnKeyExchange.KEY_METHOD, exchange.questPayload()).whenComplete((answer, failure) -> {
            if (failure != null) {
                RtmException error = RtmException.of(failure);
                boolean refused = cipher.peerAnsweredInPlain();
                done.completeExceptionally(new HandshakeFailed((refused
                        ? "the gateway refused the encryption handshake (" + encryption.curve() + ", "
                                + encryption.mode() + ", " + encryption.keySize() + " bits): "
                        : "no answer to '*key': ") + error.getMessage()));
            } else if (cipher.peerAnsweredInPlain()) {
                done.completeExceptionally(new HandshakeFailed(
                        "the gateway answered '*key' in plain: it does not encrypt this connection"));
            } else {
                log.debug("Encrypted connection to RTM gateway {} ({})", endpoint, encryption);
                done.complete(null);
            }
        });
        return done;
    }

    /** The encryption handshake failed; the message names the cause, never a key. */
    private static final class HandshakeFailed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        HandshakeFailed(String message) {
            super(message, null, false, false);
        }
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
