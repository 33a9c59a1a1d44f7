package io.rtm.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/** What a subject's handler does per push: count it, and record its latency while a recording runs. */
public final class PushCounter {

    private final AtomicLong handled = new AtomicLong();
    private volatile Latency latency;

    public void count(String attrs) {
        Latency recorder = latency;
        if (recorder != null) {
            recorder.record(attrs);
        }
        handled.incrementAndGet();
    }

    long handled() {
        return handled.get();
    }

    void recordInto(Latency latency) {
        this.latency = latency;
    }
}
