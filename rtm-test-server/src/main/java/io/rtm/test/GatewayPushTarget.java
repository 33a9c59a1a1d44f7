package io.rtm.test;

import io.netty.channel.EventLoop;
import io.rtm.fpnn.Payload;

/**
 * One open connection of the gateway, for a {@link GatewayExtension} that
 * pushes to it at its own pace: it can see how far the connection's writes
 * and answers lag and wait for the channel instead of queueing without bound.
 * The connection's outbound buffer stops being writable above 256 KiB and is
 * writable again below 64 KiB.
 */
public final class GatewayPushTarget {

    private final Gateway gateway;
    private final GatewaySession session;

    GatewayPushTarget(Gateway gateway, GatewaySession session) {
        this.gateway = gateway;
        this.session = session;
    }

    /** The gateway's number for the connection, as in {@link GatewayConnection#id()}. */
    public long id() {
        return session.id();
    }

    /** The event loop of the connection's I/O; {@link #whenWritable} is called there. */
    public EventLoop eventLoop() {
        return session.channel().eventLoop();
    }

    public boolean isActive() {
        return session.isActive();
    }

    /** Whether the connection is open and its outbound buffer below the high water mark. */
    public boolean isWritable() {
        return session.isActive() && session.channel().isWritable();
    }

    /** The quests sent to the connection (pushes, pings) that are not answered, failed or timed out yet. */
    public int unansweredPushes() {
        return session.connection().pendingCount();
    }

    /**
     * Sends a push as routed pushes are sent: counted in
     * {@link RtmTestServer#pushesSent()} and the other push counters, and
     * sent again when unanswered if the gateway re-sends. Any thread.
     */
    public void push(String method, Payload payload) {
        gateway.sendPush(session, method, payload);
    }

    /**
     * Runs the task on {@link #eventLoop()} once the channel is writable
     * again or closed, at once (after the loop's queued work) when it already
     * is. Call it on {@link #eventLoop()}.
     *
     * @throws IllegalStateException off the event loop, or when
     *         {@value GatewaySession#MAX_WRITABLE_WAITERS} tasks already wait
     */
    public void whenWritable(Runnable task) {
        session.whenWritable(task);
    }

    /** What the connection listens to now. */
    public GatewayListenState listenState() {
        return session.listen().snapshot();
    }

    @Override
    public String toString() {
        return "connection " + session;
    }
}
