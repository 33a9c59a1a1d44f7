package io.rtm.benchmarks;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmServerClient;
import io.rtm.client.RtmServerPushMonitor;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** {@link RtmServerClient} with default settings and a counting {@link RtmServerPushMonitor}. */
final class PlainSubject implements Subject {

    private final long projectId;
    private final String secretKey;
    private final AtomicLong handled = new AtomicLong();
    private volatile Latency latency;
    private RtmServerClient client;

    PlainSubject(long projectId, String secretKey) {
        this.projectId = projectId;
        this.secretKey = secretKey;
    }

    @Override
    public void open(int port, long gid) {
        client = RtmServerClient.builder()
                .endpoint("127.0.0.1", port)
                .projectId(projectId)
                .secretKey(secretKey)
                .serverPushMonitor(new RtmServerPushMonitor() {
                    @Override
                    public void pushGroupMessage(RtmMessage message) {
                        Latency recorder = latency;
                        if (recorder != null) {
                            recorder.record(message.attrs());
                        }
                        handled.incrementAndGet();
                    }
                })
                .build();
        client.connect();
        client.setListen(Set.of(gid), Set.of(), Set.of(), Set.of());
    }

    @Override
    public long handled() {
        return handled.get();
    }

    @Override
    public void recordInto(Latency latency) {
        this.latency = latency;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
