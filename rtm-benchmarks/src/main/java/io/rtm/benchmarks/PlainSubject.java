package io.rtm.benchmarks;

import io.rtm.client.AckMode;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmServerClient;
import io.rtm.client.RtmServerPushMonitor;

import org.jspecify.annotations.Nullable;

import java.util.Set;

/** {@link RtmServerClient} with default settings but the ack mode, and a counting {@link RtmServerPushMonitor}. */
final class PlainSubject implements Subject {

    private final long projectId;
    private final String secretKey;
    private final AckMode ackMode;
    private final PushCounter counter = new PushCounter();
    private @Nullable RtmServerClient client;

    PlainSubject(long projectId, String secretKey, AckMode ackMode) {
        this.projectId = projectId;
        this.secretKey = secretKey;
        this.ackMode = ackMode;
    }

    @Override
    public void open(int port, long gid) {
        client = RtmServerClient.builder()
                .endpoint("127.0.0.1", port)
                .projectId(projectId)
                .secretKey(secretKey)
                .ackMode(ackMode)
                .serverPushMonitor(new RtmServerPushMonitor() {
                    @Override
                    public void pushGroupMessage(RtmMessage message) {
                        counter.count(message.attrs());
                    }
                })
                .build();
        client.connect();
        client.setListen(Set.of(gid), Set.of(), Set.of(), Set.of());
    }

    @Override
    public PushCounter counter() {
        return counter;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
