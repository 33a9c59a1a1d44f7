package io.rtm.test;

import io.netty.channel.Channel;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.Payload;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The benchmark quests (see the module README): {@code bench.flood} pushes
 * {@code count} messages to every connection that listens to the target, as
 * fast as each channel accepts them, and answers {@code {sent, elapsedMs}}
 * once all are written; {@code bench.stats} answers the push counters and the
 * size of the listen sets held.
 *
 * <p>With a {@code rate} (pushes per second per connection), a run is paced by
 * the event loop's scheduler instead: every {@link #TICK_NANOS} it sends the
 * pushes that are due by then (at most {@link #BATCH} at a time), never sleeping
 * on the loop.
 *
 * <p>Each target gets its own {@link Run} on its own event loop. A run writes
 * while the channel is writable, in batches so other work on the loop gets its
 * turn, and waits for {@code channelWritabilityChanged} otherwise: the outbound
 * buffer never grows past the channel's high water mark.
 */
final class BenchFlood {

    static final String FLOOD = "bench.flood";
    static final String STATS = "bench.stats";
    /** Pushes in one flood at most per target. */
    static final int MAX_COUNT = 10_000_000;
    /** Pushes per second at most when paced. */
    static final int MAX_RATE = 10_000_000;
    private static final int BATCH = 256;
    /**
     * Unanswered pushes per connection at most: beyond this a run waits for
     * answers, so that a client that reads faster than it answers (or a
     * gateway that writes faster than it reads the answers) cannot make the
     * gateway hold an unbounded number of pending pushes.
     */
    static final int MAX_UNANSWERED = 16_384;
    private static final long UNANSWERED_WAIT_MICROS = 200;
    /** The pacing period of a run with a rate. */
    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private BenchFlood() {
    }

    /** Starts a flood; the quest is answered when it ends, so this returns {@code null}. */
    static Payload start(Gateway gateway, FpnnQuest quest, Payload payload) {
        String kind = payload.getString("kind");
        long to = payload.getLong("to");
        int count = payload.getInt("count");
        int size = payload.getInt("size");
        long mtype = payload.getLong("mtype", 0);
        long from = payload.getLong("from", 0);
        long rate = payload.getLong("rate", 0);
        if (count < 0 || count > MAX_COUNT) {
            throw invalid("count must be 0.." + MAX_COUNT + ", not " + count);
        }
        int maxSize = gateway.settings().maxPayloadSize() - 256;
        if (size < 0 || size > maxSize) {
            throw invalid("size must be 0.." + maxSize + ", not " + size);
        }
        if (rate < 0 || rate > MAX_RATE) {
            throw invalid("rate must be 0.." + MAX_RATE + " pushes per second, not " + rate);
        }
        if (!Pushes.validMtype(mtype)) {
            throw invalid("mtype must be 0..127, not " + mtype);
        }
        Target target = Target.of(kind, to);
        if (!gateway.tryStartFlood()) {
            throw new FpnnException(200010, "at most " + Gateway.MAX_CONCURRENT_FLOODS + " floods at once");
        }
        long started = System.nanoTime();
        String text = "x".repeat(size);
        List<GatewaySession> sessions = gateway.listeners(target.kind, target.id);
        CompletableFuture<?>[] runs = new CompletableFuture<?>[sessions.size()];
        for (int i = 0; i < runs.length; i++) {
            Run run = new Run(gateway, sessions.get(i), target, from, gateway.nextMids(count), count,
                    (int) mtype, text, rate);
            runs[i] = run.done;
            sessions.get(i).channel().eventLoop().execute(run);
        }
        CompletableFuture.allOf(runs).whenComplete((ignored, failure) -> {
            gateway.floodEnded();
            long sent = 0;
            for (CompletableFuture<?> run : runs) {
                sent += (Integer) run.join();
            }
            quest.answer(Payload.builder()
                    .put("sent", sent)
                    .put("elapsedMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .build());
        });
        return null;
    }

    static Payload stats(Gateway gateway) {
        List<GatewaySession> sessions = gateway.sessions();
        long gids = 0;
        long rids = 0;
        long uids = 0;
        long events = 0;
        for (GatewaySession session : sessions) {
            GatewayListenState listen = session.listen().snapshot();
            gids += listen.gids().size();
            rids += listen.rids().size();
            uids += listen.uids().size();
            events += listen.events().size();
        }
        return Payload.builder()
                .put("connections", sessions.size())
                .put("listenGids", gids)
                .put("listenRids", rids)
                .put("listenUids", uids)
                .put("listenEvents", events)
                .put("pushesSent", gateway.pushesSent())
                .put("pushesAnswered", gateway.pushesAnswered())
                .put("pushErrorAnswers", gateway.pushErrorAnswers())
                .put("pushesResent", gateway.pushesResent())
                .put("questsReceived", gateway.questsReceived())
                .build();
    }

    private static FpnnException invalid(String message) {
        return new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, message);
    }

    /** Which push a flood sends and who listens to it. */
    private record Target(GatewayMessageKind kind, long id) {

        static Target of(String kind, long id) {
            return switch (kind) {
                case "p2p" -> new Target(GatewayMessageKind.P2P, id);
                case "group" -> new Target(GatewayMessageKind.GROUP, id);
                case "room" -> new Target(GatewayMessageKind.ROOM, id);
                default -> throw invalid("kind must be p2p, group or room, not '" + kind + "'");
            };
        }
    }

    /** The pushes to one connection; event-loop only. */
    private static final class Run implements Runnable {

        final CompletableFuture<Integer> done = new CompletableFuture<>();
        private final Gateway gateway;
        private final GatewaySession session;
        private final Target target;
        private final long from;
        private final long firstMid;
        private final int count;
        private final int mtype;
        private final String text;
        /** Pushes per second, 0 for as fast as the channel takes them. */
        private final long rate;
        private boolean started;
        private long startNanos;
        private int sent;

        Run(Gateway gateway, GatewaySession session, Target target, long from, long firstMid, int count, int mtype,
            String text, long rate) {
            this.gateway = gateway;
            this.session = session;
            this.target = target;
            this.from = from;
            this.firstMid = firstMid;
            this.count = count;
            this.mtype = mtype;
            this.text = text;
            this.rate = rate;
        }

        @Override
        public void run() {
            Channel channel = session.channel();
            long now = System.nanoTime();
            if (!started) {
                started = true;
                startNanos = now;
            }
            int limit = count;
            if (rate > 0) {
                // the pushes due by now: rate * elapsed, without overflow for long runs
                long elapsed = now - startNanos;
                long due = elapsed / 1_000_000_000L * rate + elapsed % 1_000_000_000L * rate / 1_000_000_000L + 1;
                limit = (int) Math.min(count, due);
            }
            boolean answersDue = false;
            for (int batch = 0; batch < BATCH && sent < limit && channel.isActive() && channel.isWritable(); batch++) {
                if (batch % 64 == 0 && session.connection().pendingCount() >= MAX_UNANSWERED) {
                    answersDue = true;
                    break;
                }
                // the send time travels in attrs so a client can measure push latency
                String attrs = "{\"sentNanos\":" + System.nanoTime() + "}";
                gateway.sendPush(session, target.kind.pushMethod(), Pushes.message(from, target.kind.idKey(),
                        target.id, firstMid + sent, mtype, text, attrs, System.currentTimeMillis()));
                sent++;
            }
            if (sent == count || !channel.isActive()) {
                done.complete(sent);
            } else if (answersDue) {
                channel.eventLoop().schedule(this, UNANSWERED_WAIT_MICROS, TimeUnit.MICROSECONDS);
            } else if (!channel.isWritable()) {
                session.whenWritable(this);
            } else if (sent < limit) {
                channel.eventLoop().execute(this); // more are due now: after the loop's other work
            } else {
                // paced and none due yet (with no rate, limit is count and the branch above runs)
                channel.eventLoop().schedule(this, TICK_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }
}
