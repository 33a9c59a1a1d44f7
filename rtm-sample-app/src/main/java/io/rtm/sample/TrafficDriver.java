package io.rtm.sample;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.RtmConnectionDetails;
import io.rtm.test.RtmTestServer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays a short conversation through the gateway every few seconds, as other
 * RTM users would: a second client sends chat, a command, a file, a binary
 * message and an order with the client's send API (every third time
 * also an order of quantity 0, which the listener rejects), and the embedded
 * gateway, when it is in this process, reports a login and a logout. The
 * sample's own client receives all of it as pushes, exactly as from a real
 * gateway.
 */
final class TrafficDriver implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrafficDriver.class);
    private static final long ALICE = 4001;
    private static final long ROOM = 2001;

    private final @Nullable RtmTestServer gateway;
    private final RtmConnectionDetails target;
    private final Duration interval;
    private final long supportUid;
    private final long shopGroup;
    private long rounds; // only the sample-traffic thread plays
    private long orders;
    private @Nullable RtmServerClient sender;
    private @Nullable EventLoopGroup senderIo;
    private @Nullable ScheduledExecutorService scheduler;
    private volatile boolean running;

    /**
     * @param gateway the embedded gateway, which reports the logins and logouts; {@code null} for none
     * @param target  where the conversation is sent
     */
    TrafficDriver(@Nullable RtmTestServer gateway, RtmConnectionDetails target, Duration interval, long supportUid,
                  long shopGroup) {
        this.gateway = gateway;
        this.target = target;
        this.interval = interval;
        this.supportUid = supportUid;
        this.shopGroup = shopGroup;
    }

    @Override
    public void start() {
        // threads of its own: its client's log lines ("Connected to RTM gateway …") show thread driver-io-…,
        // the application's client's show rtm-io-…
        EventLoopGroup io = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("driver-io", true),
                NioIoHandler.newFactory());
        RtmServerClient client = RtmServerClient.builder().endpoint(target.endpoint())
                .projectId(target.projectId()).secretKey(target.secretKey()).eventLoopGroup(io).build();
        client.connect();
        sender = client;
        senderIo = io;
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sample-traffic");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::playConversation, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler = executor;
        running = true;
        log.info("Traffic driver connected with its own client (threads driver-io-*): sending sample traffic "
                + "through the gateway at {} every {} ms", target.endpoint(), interval.toMillis());
    }

    private void playConversation() {
        try {
            presence("login");
            RtmServerClient client = sender();
            client.sendGroupMessage(ALICE, shopGroup, 30, "Hello everyone!", "");
            client.sendMessage(ALICE, supportUid, 32, "reset-password", "");
            client.sendRoomMessage(ALICE, ROOM, 50,
                    "{\"url\":\"https://files.example.com/report.pdf\",\"size\":48213,\"surl\":\"\"}",
                    "{\"rtm\":{\"ext\":\"pdf\",\"filename\":\"report.pdf\"},\"custom\":\"quarterly\"}");
            client.sendRoomMessage(ALICE, ROOM, 61, "sensor:21.5C".getBytes(StandardCharsets.UTF_8), "");
            order(2);
            if (++rounds % 3 == 0) {
                order(0); // invalid: retried, then a dead letter
            }
            presence("logout");
        } catch (RuntimeException e) {
            log.warn("Sample traffic failed: {}", e.getMessage());
        }
    }

    private void order(int quantity) {
        sender().sendGroupMessage(ALICE, shopGroup, 60, "{\"orderId\":\"A-" + (++orders % 10000)
                + "\",\"item\":\"coffee beans\",\"quantity\":" + quantity + "}", "");
    }

    private void presence(String event) {
        if (gateway != null) {
            gateway.pushEvent(event, ALICE, System.currentTimeMillis() / 1000, "127.0.0.1:51000", "");
        }
    }

    private RtmServerClient sender() {
        RtmServerClient client = sender;
        if (client == null) {
            throw new IllegalStateException("not started");
        }
        return client;
    }

    @Override
    public void stop() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (sender != null) {
            sender.close();
        }
        if (senderIo != null) {
            senderIo.shutdownGracefully();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts after the application's own RTM connection (and stops before it), so no conversation is missed. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }
}
