package io.rtm.fpnn;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/** The check of the durations the connection and the keepalive are configured with. */
final class Durations {

    private Durations() {
    }

    /**
     * The duration, when it is positive.
     *
     * @param what names the duration in the message, such as {@code "a quest timeout"}
     * @throws IllegalArgumentException when it is null, zero or negative
     */
    static Duration requirePositive(@Nullable Duration duration, String what) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
        return duration;
    }
}
