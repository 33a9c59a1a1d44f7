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

    private final long id;
    private final FpnnConnection connection;
    private final SessionListenState listen = new SessionListenState();
    private final SaltCache salts = new SaltCache();
    /** Event-loop only: flood runs waiting for the channel to become writable (one per running flood at most). */
    private final List<Runnable> writableWaiters = new ArrayList<>();
    /** The first quest arrived: the connection is known to be plain or encrypted. */
    private volatile boolean settled;
    private volatile boolean encrypted;

    GatewaySession(long id, Gateway gateway) {
        this.id = id;
        this.connection = new FpnnConnection(new GatewayQuestHandler(gateway, this), Gateway.PUSH_ANSWER_TIMEOUT);
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

    /** Runs {@code task} on the event loop once the channel is writable again or closed. Event loop only. */
    void whenWritable(Runnable task) {
        writableWaiters.add(task);
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
