package io.rtm.fpnn;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Client-side keepalive (protocol section 4). FPNN servers close a connection
 * on which nothing moved for 60 s and never ping on their own, so when nothing
 * has been received for {@code pingInterval} this sends the two-way quest
 * {@code *ping}, again every {@code pingTimeout} while the silence lasts; after
 * {@code pingInterval + pingTimeout × retries} without a byte received the
 * connection is considered lost and closed. While reading is paused
 * ({@code autoRead} off: the application's backpressure) nothing can be
 * received, so silence is not counted; a ping still goes out every
 * {@code pingInterval}, so that the server does not take the connection for
 * idle.
 *
 * <p>Placed at the head of the pipeline, it sees every inbound read; the pings
 * go out through the connection it is given, which must be in the same pipeline.
 * One instance per channel; it runs on the channel's event loop.
 */
public final class FpnnKeepAlive extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(FpnnKeepAlive.class);
    static final String PING_METHOD = "*ping";

    private final FpnnConnection connection;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final long deadNanos;
    private final Duration pingTimeout;
    private long lastReadNanos;
    private long lastPingNanos;
    private @Nullable ScheduledFuture<?> check;

    /**
     * A keepalive for the channel of {@code connection}.
     *
     * @param connection   the connection that sends the pings, installed in the same pipeline
     * @param pingInterval the silence after which the first ping goes out
     * @param pingTimeout  the wait for an answer to a ping before the next one
     * @param retries      pings sent before the connection is given up (at least 1)
     * @throws IllegalArgumentException when a duration is null, zero or negative, or {@code retries} is below 1
     */
    public FpnnKeepAlive(FpnnConnection connection, Duration pingInterval, Duration pingTimeout, int retries) {
        this.connection = Objects.requireNonNull(connection, "connection");
        if (retries < 1) {
            throw new IllegalArgumentException("the keepalive retries must be at least 1: " + retries);
        }
        this.intervalNanos = Durations.requirePositive(pingInterval, "the ping interval").toNanos();
        this.pingTimeout = Durations.requirePositive(pingTimeout, "the ping timeout");
        this.timeoutNanos = pingTimeout.toNanos();
        this.deadNanos = intervalNanos + timeoutNanos * retries;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        lastPingNanos = lastReadNanos - timeoutNanos; // nanoTime may be negative: never compare with 0
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(10), Math.min(intervalNanos, timeoutNanos) / 2);
        check = ctx.executor().scheduleAtFixedRate(() -> check(ctx), period, period, TimeUnit.NANOSECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        lastReadNanos = System.nanoTime();
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        stop();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        stop();
    }

    private void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void check(ChannelHandlerContext ctx) {
        long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            // reading is paused (backpressure): the silence is ours, and the pings' answers wait unread; keep
            // pinging so that the peer sees the connection alive, and count silence again once reading resumes
            lastReadNanos = now;
            if (now - lastPingNanos >= intervalNanos && connection.isActive()) {
                lastPingNanos = now;
                connection.sendQuest(PING_METHOD, Payload.EMPTY, pingTimeout);
            }
            return;
        }
        long silence = now - lastReadNanos;
        if (silence >= deadNanos) {
            log.warn("Nothing received from {} for {} ms: closing the connection",
                    ctx.channel().remoteAddress(), TimeUnit.NANOSECONDS.toMillis(silence));
            stop();
            ctx.close();
        } else if (silence >= intervalNanos && now - lastPingNanos >= timeoutNanos) {
            if (connection.isActive()) {
                lastPingNanos = now;
                // a failed ping needs no handling here: silence is what closes the connection
                connection.sendQuest(PING_METHOD, Payload.EMPTY, pingTimeout);
            }
        }
    }
}
