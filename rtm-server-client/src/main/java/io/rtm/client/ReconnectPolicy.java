package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before each connection attempt.
 *
 * <ul>
 * <li>Right after a working connection was lost, and while the gateway keeps
 *     refusing connections (it is most likely restarting), the client tries
 *     again every {@code fastRetryInterval}, made longer by a random part of up
 *     to {@code jitter} so that many clients do not return at once, for at most
 *     {@code fastRetryWindow}: it is back soon after the gateway is.</li>
 * <li>Otherwise (at startup, past the window, or when attempts reach
 *     something that does not become a ready connection) the delay grows
 *     exponentially from {@code initialDelay}, multiplied by {@code multiplier}
 *     per failed attempt and capped at {@code maxDelay}, then shortened by a
 *     random part of up to {@code jitter}; it never exceeds {@code maxDelay}.</li>
 * </ul>
 *
 * @param enabled           whether to reconnect at all after a lost connection
 * @param initialDelay      the first delay of the exponential back-off
 * @param maxDelay          the longest delay of the exponential back-off
 * @param multiplier        growth per failed attempt (at least 1)
 * @param jitter            the random fraction (0 to 1) taken off each back-off delay and added to each fast retry
 * @param fastRetryInterval the delay of the steady retries after a loss
 * @param fastRetryWindow   how long after a loss the steady retries go on; zero turns them off
 */
public record ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
                              double jitter, Duration fastRetryInterval, Duration fastRetryWindow) {

    /** The steady retries after a loss: every 200 ms (at most 5 a second) for 30 s. */
    private static final Duration FAST_RETRY_INTERVAL = Duration.ofMillis(200);
    private static final Duration FAST_RETRY_WINDOW = Duration.ofSeconds(30);

    /** 200 ms steady retries for 30 s after a loss; otherwise 100 ms doubling up to 10 s; 20 % jitter. */
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
        Durations.requirePositive(fastRetryInterval, "reconnect fast retry interval");
        Durations.requireNonNegative(fastRetryWindow, "reconnect fast retry window");
    }

    /** An exponential back-off, with the default steady retries after a loss. */
    public ReconnectPolicy(boolean enabled, Duration initialDelay, Duration maxDelay, double multiplier,
                           double jitter) {
        this(enabled, initialDelay, maxDelay, multiplier, jitter, FAST_RETRY_INTERVAL, FAST_RETRY_WINDOW);
    }

    /** The same policy with other steady retries after a loss (a zero window turns them off). */
    public ReconnectPolicy withFastRetry(Duration interval, Duration window) {
        return new ReconnectPolicy(enabled, initialDelay, maxDelay, multiplier, jitter, interval, window);
    }

    /** The exponential delay before attempt number {@code attempt} (0 for the first). */
    public Duration delay(int attempt) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.min(attempt, 62));
        double capped = Math.min(base, maxDelay.toNanos());
        double jittered = capped * (1.0 - jitter * ThreadLocalRandom.current().nextDouble());
        return Duration.ofNanos((long) jittered);
    }

    /**
     * The delay before the next attempt.
     *
     * @param failedAttempts attempts that failed since the last ready connection, outside the fast retries
     * @param sinceLoss      how long ago a ready connection was lost, when every attempt since was refused;
     *                       {@code null} otherwise
     */
    public Duration delay(int failedAttempts, @Nullable Duration sinceLoss) {
        if (sinceLoss != null && sinceLoss.compareTo(fastRetryWindow) < 0) {
            double jittered = fastRetryInterval.toNanos() * (1.0 + jitter * ThreadLocalRandom.current().nextDouble());
            return Duration.ofNanos((long) jittered);
        }
        return delay(failedAttempts);
    }
}
