package io.rtm.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before each reconnect attempt: exponential back-off from
 * {@code initialDelay}, multiplied by {@code multiplier} per failed attempt and
 * capped at {@code maxDelay}, then shortened by a random part of up to
 * {@code jitter} (0 to 1) so that many clients do not return at once. The
 * delay never exceeds {@code maxDelay}.
 *
 * @param enabled      whether to reconnect at all after a lost connection
 * @param initialDelay the delay before the first attempt
 * @param maxDelay     the longest delay
 * @param multiplier   growth per attempt (at least 1)
 * @param jitter       the random fraction taken off each delay (0 to 1)
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
                              double jitter) {

    /** 100 ms doubling up to 10 s, with 20 % jitter. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(true, Duration.ofMillis(100),
            Duration.ofSeconds(10), 2.0, 0.2);

    /** Never reconnect. */
    public static final ReconnectPolicy DISABLED = new ReconnectPolicy(false, Duration.ofMillis(100),
            Duration.ofSeconds(10), 2.0, 0.2);

    public ReconnectPolicy {
        Durations.requireNonNegative(initialDelay, "reconnect initial delay");
        if (maxDelay == null || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("reconnect max delay must be at least the initial delay: " + maxDelay);
        }
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("reconnect multiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("reconnect jitter must be between 0 and 1: " + jitter);
        }
    }

    /** The delay before attempt number {@code attempt} (0 for the first after a loss). */
    public Duration delay(int attempt) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.min(attempt, 62));
        double capped = Math.min(base, maxDelay.toNanos());
        double jittered = capped * (1.0 - jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos((long) jittered);
    }
}
