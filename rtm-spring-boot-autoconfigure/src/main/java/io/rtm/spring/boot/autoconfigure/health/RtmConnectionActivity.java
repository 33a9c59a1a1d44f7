package io.rtm.spring.boot.autoconfigure.health;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmException;
import io.rtm.client.RtmPushType;
import org.jspecify.annotations.Nullable;

/**
 * What the health indicator reports beyond the client's own state: since when the current connection is
 * up, how many times the connection came back after being lost, when the last push arrived, and why the
 * gateway refuses the listen state of the connection that is not ready yet. Fed by the client's observer
 * hooks, on its network thread.
 */
public final class RtmConnectionActivity implements RtmClientObserver {

    private static final long NEVER = Long.MIN_VALUE;

    private final Clock clock;

    private final AtomicLong reconnects = new AtomicLong();

    private volatile @Nullable Instant connectedSince;

    // a long, not an Instant: written on the network thread for every push
    private volatile long lastPushMillis = NEVER;

    private volatile @Nullable RtmException listenRefusal;

    /** Activity on the system clock. */
    public RtmConnectionActivity() {
        this(Clock.systemUTC());
    }

    RtmConnectionActivity(Clock clock) {
        this.clock = clock;
    }

    /** When the current connection came up; {@code null} while not connected. */
    public @Nullable Instant connectedSince() {
        return this.connectedSince;
    }

    /** How many times a lost connection was established again. */
    public long reconnects() {
        return this.reconnects.get();
    }

    /** When the last push (not a duplicate) arrived; {@code null} before the first. */
    public @Nullable Instant lastPush() {
        long millis = this.lastPushMillis;
        return millis == NEVER ? null : Instant.ofEpochMilli(millis);
    }

    /**
     * Why the gateway refused the listen state of the connection being set up (for example refused
     * credentials); {@code null} once a connection is ready.
     */
    public @Nullable RtmException listenRefusal() {
        return this.listenRefusal;
    }

    @Override
    public void listenRefused(RtmException refusal) {
        this.listenRefusal = refusal;
    }

    @Override
    public void pushReceived(RtmPushType type) {
        this.lastPushMillis = this.clock.millis();
    }

    @Override
    public void connected(boolean reconnect) {
        if (reconnect) {
            this.reconnects.incrementAndGet();
        }
        this.listenRefusal = null;
        this.connectedSince = this.clock.instant();
    }

    @Override
    public void disconnected(boolean causedByError) {
        this.connectedSince = null;
    }
}
