package io.rtm.spring.boot.autoconfigure;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmPushType;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * What the health indicator reports beyond the client's own state: since when
 * the current connection is up, how many times the connection came back after
 * being lost, and when the last push arrived. Fed by the client's observer
 * hooks and by {@link RtmConnectedEvent} / {@link RtmDisconnectedEvent}.
 */
public final class RtmConnectionActivity implements RtmClientObserver, SmartApplicationListener {

    private static final long NEVER = Long.MIN_VALUE;

    private final Clock clock;

    private final AtomicLong reconnects = new AtomicLong();

    private volatile Instant connectedSince;

    // a long, not an Instant: written on the network thread for every push
    private volatile long lastPushMillis = NEVER;

    public RtmConnectionActivity() {
        this(Clock.systemUTC());
    }

    RtmConnectionActivity(Clock clock) {
        this.clock = clock;
    }

    /** When the current connection came up; {@code null} while not connected. */
    public Instant connectedSince() {
        return this.connectedSince;
    }

    /** How many times a lost connection was established again. */
    public long reconnects() {
        return this.reconnects.get();
    }

    /** When the last push (not a duplicate) arrived; {@code null} before the first. */
    public Instant lastPush() {
        long millis = this.lastPushMillis;
        return millis == NEVER ? null : Instant.ofEpochMilli(millis);
    }

    @Override
    public void pushReceived(RtmPushType type) {
        this.lastPushMillis = this.clock.millis();
    }

    @Override
    public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
        return RtmConnectedEvent.class.isAssignableFrom(eventType)
                || RtmDisconnectedEvent.class.isAssignableFrom(eventType);
    }

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof RtmConnectedEvent connected) {
            if (connected.isReconnect()) {
                this.reconnects.incrementAndGet();
            }
            this.connectedSince = this.clock.instant();
        } else if (event instanceof RtmDisconnectedEvent) {
            this.connectedSince = null;
        }
    }
}
