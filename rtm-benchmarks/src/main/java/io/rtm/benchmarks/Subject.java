package io.rtm.benchmarks;

/** A push receiver under test: connects, listens to one group and counts what reaches its handler. */
interface Subject extends AutoCloseable {

    /** Connects to the gateway on {@code port} and listens to group {@code gid}; returns once ready. */
    void open(int port, long gid) throws Exception;

    /** Counts the pushes that reach the subject's handler, and records their latency while asked to. */
    PushCounter counter();

    @Override
    void close();
}
