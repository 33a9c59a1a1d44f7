package io.rtm.benchmarks;

/** A push receiver under test: connects, listens to one group and counts what reaches its handler. */
interface Subject extends AutoCloseable {

    /** Connects to the gateway on {@code port} and listens to group {@code gid}; returns once ready. */
    void open(int port, long gid) throws Exception;

    /** Pushes handled so far. */
    long handled();

    /** Records each push's latency into {@code latency} from now on; {@code null} stops recording. */
    void recordInto(Latency latency);

    @Override
    void close();
}
