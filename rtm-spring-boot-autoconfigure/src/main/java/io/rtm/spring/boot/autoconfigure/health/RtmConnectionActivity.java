package io.rtm.spring.boot.autoconfigure.health;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmPushType;
import org.jspecify.annotations.Nullable;

/**
 * What the health indicator reports beyond the client's own state: since when the current connection is
 * up, how many times the connection came back after being lost, and when the last push arrived. Fed by the
 * client's observer hooks, on its network thread.
 */
public final class RtmConnectionActivity implements RtmClientObserver {

    private static final long NEVER = Long.MIN_VALUE;

    private final Clock clock;

    private final AtomicLong reconnects = new AtomicLong();

    private volatile @Nullable Instant connectedSince;

    // a long, not an Instant: written on the network thread for every push
    private volatile long lastPushMillis = NEVER;

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

    @Override
    public void pushReceived(RtmPushType type) {
        this.lastPushMillis = this.clock.millis();
    }

    @Override
    public void connected(boolean reconnect) {
        if (reconnect) {
            this.reconnects.incrementAndGet();
        }
        this.connectedSince = this.clock.instant();
    }

    @Override
    public void disconnected(boolean causedByError) {
        this.connectedSince = null;
    }
}
