package io.rtm.test;

import io.netty.channel.Channel;
import io.rtm.fpnn.FpnnConnection;

import java.util.ArrayList;
import java.util.List;

/**
 * One client connection of the gateway: its FPNN conversation, listen state
 * and used salts. Created by the channel initializer, so one per channel.
 */
final class GatewaySession {

    /** Writability waiters per connection at most, so that a stuck channel cannot collect them without bound. */
    static final int MAX_WRITABLE_WAITERS = 1024;

    private final long id;
    private final FpnnConnection connection;
    private final GatewayPushTarget pushTarget;
    private final SessionListenState listen = new SessionListenState();
    private final SaltCache salts = new SaltCache();
    /** Event-loop only: tasks waiting for the channel to become writable. */
    private final List<Runnable> writableWaiters = new ArrayList<>();
    /** The first quest arrived: the connection is known to be plain or encrypted. */
    private volatile boolean settled;
    private volatile boolean encrypted;

    GatewaySession(long id, Gateway gateway) {
        this.id = id;
        this.connection = new FpnnConnection(new GatewayQuestHandler(gateway, this), Gateway.PUSH_ANSWER_TIMEOUT);
        this.pushTarget = new GatewayPushTarget(gateway, this);
    }

    long id() {
        return id;
    }

    FpnnConnection connection() {
        return connection;
    }

    Channel channel() {
        return connection.channel();
    }

    /** The connection as extensions see it. */
    GatewayPushTarget pushTarget() {
        return pushTarget;
    }

    SessionListenState listen() {
        return listen;
    }

    SaltCache salts() {
        return salts;
    }

    /** Whether the first quest arrived, so that the gateway knows whether to encrypt. */
    boolean isSettled() {
        return settled;
    }

    void settle(boolean encrypted) {
        this.encrypted = encrypted;
        this.settled = true;
    }

    boolean isEncrypted() {
        return encrypted;
    }

    boolean isActive() {
        return connection.isActive();
    }

    GatewayConnection view() {
        Channel channel = channel();
        return new GatewayConnection(id, channel == null ? null : channel.remoteAddress(), listen.snapshot());
    }

    /** Runs {@code task} once the channel is writable or closed; see {@link GatewayPushTarget#whenWritable}. */
    void whenWritable(Runnable task) {
        Channel channel = channel();
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("whenWritable must be called on the connection's event loop");
        }
        if (channel.isWritable() || !channel.isActive()) {
            channel.eventLoop().execute(task);
        } else if (writableWaiters.size() < MAX_WRITABLE_WAITERS) {
            writableWaiters.add(task);
        } else {
            throw new IllegalStateException(MAX_WRITABLE_WAITERS + " tasks already wait for connection " + this);
        }
    }

    /** Called on the event loop when the channel became writable or inactive. */
    void wakeWriters() {
        if (writableWaiters.isEmpty()) {
            return;
        }
        List<Runnable> waiting = new ArrayList<>(writableWaiters);
        writableWaiters.clear();
        // through the task queue, so a run never starts inside the flush that woke it
        waiting.forEach(channel().eventLoop()::execute);
    }

    @Override
    public String toString() {
        Channel channel = channel();
        return "#" + id + (channel == null ? "" : " " + channel.remoteAddress());
    }
}
