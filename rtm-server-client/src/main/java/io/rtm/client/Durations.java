package io.rtm.client;

import java.time.Duration;

/** Checks of durations given to the client, with messages naming the setting. */
final class Durations {

    private Durations() {
    }

    /** The duration, if it is positive. */
    static Duration requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /** The duration, if it is zero or positive. */
    static Duration requireNonNegative(Duration value, String name) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
