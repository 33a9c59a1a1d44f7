package io.rtm.client;

import java.time.Duration;

/**
 * Client keepalive (protocol section 4): after {@code pingInterval} without
 * receiving anything, send {@code *ping}; after {@code pingInterval +
 * pingTimeout × retries} of silence the connection is lost and reconnected.
 *
 * @param enabled      whether to ping at all
 * @param pingInterval silence before the first ping
 * @param pingTimeout  time given to each ping, and the spacing of further pings
 * @param retries      pings sent before giving the connection up
 */
public record KeepAlivePolicy(boolean enabled, Duration pingInterval, Duration pingTimeout, int retries) {

    /** 20 s, then 5 s × 3, as the public SDKs do. */
    public static final KeepAlivePolicy DEFAULT = new KeepAlivePolicy(true, Duration.ofSeconds(20),
            Duration.ofSeconds(5), 3);

    public KeepAlivePolicy {
        Durations.requirePositive(pingInterval, "keepalive ping interval");
        Durations.requirePositive(pingTimeout, "keepalive ping timeout");
        if (retries < 1) {
            throw new IllegalArgumentException("keepalive retries must be at least 1: " + retries);
        }
    }
}
