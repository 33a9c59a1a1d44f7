package io.rtm.spring.listener;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link RtmConnectionLifecycle} starts: how long the context's start
 * waits for the first connection, and whether it fails when there is none by
 * then. Without it the context starts anyway and the client keeps trying.
 * Credentials the gateway refuses fail the start either way.
 *
 * @param timeout           how long the start waits for the first ready connection
 * @param failIfUnreachable whether the start fails when no connection is ready within the timeout
 */
public record RtmStartupOptions(Duration timeout, boolean failIfUnreachable) {

    /** Waits 5 s, then starts anyway. */
    public static final RtmStartupOptions DEFAULT = new RtmStartupOptions(Duration.ofSeconds(5), false);

    public RtmStartupOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the startup timeout must be positive: " + timeout);
        }
    }
}
