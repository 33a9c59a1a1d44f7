package io.rtm.benchmarks;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Push-to-handler latencies: the gateway's {@code sentNanos} (in the push's
 * attrs) against this JVM's {@link System#nanoTime()}. Both are
 * CLOCK_MONOTONIC on Linux, one clock for the whole host. Recording allocates
 * nothing.
 */
final class Latency {

    private final long[] samples;
    private final AtomicInteger next = new AtomicInteger();

    Latency(int capacity) {
        this.samples = new long[capacity];
    }

    /** Records the latency of a push with those attrs ({@code {"sentNanos":N}}). */
    void record(String attrs) {
        long sent = sentNanos(attrs);
        recordNanos(System.nanoTime() - sent);
    }

    /** Records a latency taken otherwise, in nanoseconds. */
    void recordNanos(long nanos) {
        int i = next.getAndIncrement();
        if (i < samples.length) {
            samples[i] = nanos;
        }
    }

    /** Parses {@code {"sentNanos":N}} without allocating. */
    static long sentNanos(String attrs) {
        int i = attrs.indexOf(':');
        if (i < 0) {
            throw new IllegalArgumentException("no sentNanos in attrs " + attrs);
        }
        i++;
        boolean negative = attrs.charAt(i) == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < attrs.length(); i++) {
            char c = attrs.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return negative ? -value : value;
    }

    /** p50, p99 and p99.9 in milliseconds. */
    double[] percentilesMillis() {
        int n = Math.min(next.get(), samples.length);
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN, Double.NaN};
        }
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return new double[] {millis(sorted, 0.50), millis(sorted, 0.99), millis(sorted, 0.999)};
    }

    private static double millis(long[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
    }
}
