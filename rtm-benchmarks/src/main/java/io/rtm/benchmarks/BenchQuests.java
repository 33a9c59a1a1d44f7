package io.rtm.benchmarks;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;
import io.rtm.test.GatewayConnection;
import io.rtm.test.GatewayExtension;
import io.rtm.test.GatewayListenState;
import io.rtm.test.GatewayMessageKind;
import io.rtm.test.GatewayPushTarget;
import io.rtm.test.GatewayQuest;
import io.rtm.test.RtmTestServer;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark quests of the gateway process (see this module's README),
 * served by the embedded gateway as a {@link GatewayExtension}: listed in
 * {@code META-INF/services/io.rtm.test.GatewayExtension}, so that
 * {@code RtmGatewayMain} started with this module's class path serves them.
 * {@code bench.flood} pushes {@code count} messages to every connection that
 * listens to the target, as fast as each channel accepts them, and answers
 * {@code {sent, elapsedMs}} once all are written; {@code bench.stats} answers
 * the gateway's push counters and the size of the listen sets held.
 *
 * <p>With a {@code rate} (pushes per second per connection), a run is paced by
 * the event loop's scheduler instead: every millisecond it sends the pushes
 * that are due by then (at most 256 at a time), never sleeping on the loop.
 *
 * <p>Each target gets its own {@link Run} on its own event loop. A run writes
 * while the channel is writable, in batches so other work on the loop gets its
 * turn, and waits for the channel to become writable otherwise: the outbound
 * buffer never grows past the channel's high water mark.
 */
public final class BenchQuests implements GatewayExtension {

    static final String FLOOD = "bench.flood";
    static final String STATS = "bench.stats";
    /** {@code bench.flood} quests running at once at most. */
    static final int MAX_CONCURRENT_FLOODS = 8;
    /** RTM's "frequency limited": too many floods at once. */
    static final int FREQUENCY_LIMITED = 200010;
    /** Pushes in one flood at most per target. */
    private static final int MAX_COUNT = 10_000_000;
    /** Pushes per second at most when paced. */
    private static final int MAX_RATE = 10_000_000;
    private static final int BATCH = 256;
    /**
     * Unanswered pushes per connection at most: beyond this a run waits for
     * answers, so that a client that reads faster than it answers (or a
     * gateway that writes faster than it reads the answers) cannot make the
     * gateway hold an unbounded number of pending pushes.
     */
    private static final int MAX_UNANSWERED = 16_384;
    private static final long UNANSWERED_WAIT_MICROS = 200;
    /** The pacing period of a run with a rate. */
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int maxUnanswered;
    private final AtomicInteger activeFloods = new AtomicInteger();
    private final AtomicLong nextMid = new AtomicLong(
            (System.currentTimeMillis() << 16) | ThreadLocalRandom.current().nextInt(1 << 16));
    private final AtomicLong answerWaits = new AtomicLong();

    /** Made by {@link java.util.ServiceLoader} in the gateway process, or by a test. */
    public BenchQuests() {
        this(MAX_UNANSWERED);
    }

    /** With another bound on a connection's unanswered pushes, so that a test reaches it quickly. */
    BenchQuests(int maxUnanswered) {
        this.maxUnanswered = maxUnanswered;
    }

    @Override
    public Set<String> methods() {
        return Set.of(FLOOD, STATS);
    }

    @Override
    public @Nullable Payload serve(GatewayQuest quest) {
        return switch (quest.method()) {
            case FLOOD -> flood(quest);
            case STATS -> stats(quest.server());
            default -> throw new IllegalStateException("not a benchmark quest: " + quest.method());
        };
    }

    /** How often a run waited because too many pushes to its connection were unanswered. */
    long answerWaits() {
        return answerWaits.get();
    }

    /** Starts a flood; the quest is answered when it ends, so this returns {@code null}. */
    private @Nullable Payload flood(GatewayQuest quest) {
        Payload payload = quest.payload();
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
        int maxSize = quest.server().maxPayloadSize() - 256;
        if (size < 0 || size > maxSize) {
            throw invalid("size must be 0.." + maxSize + ", not " + size);
        }
        if (rate < 0 || rate > MAX_RATE) {
            throw invalid("rate must be 0.." + MAX_RATE + " pushes per second, not " + rate);
        }
        if (mtype < 0 || mtype > 127) {
            throw invalid("mtype must be 0..127, not " + mtype);
        }
        GatewayMessageKind target = kind(kind);
        if (activeFloods.incrementAndGet() > MAX_CONCURRENT_FLOODS) {
            activeFloods.decrementAndGet();
            throw new FpnnException(FREQUENCY_LIMITED, "at most " + MAX_CONCURRENT_FLOODS + " floods at once");
        }
        long started = System.nanoTime();
        String text = "x".repeat(size);
        List<GatewayPushTarget> listeners = quest.listeners(target, to);
        CompletableFuture<?>[] runs = new CompletableFuture<?>[listeners.size()];
        for (int i = 0; i < runs.length; i++) {
            Run run = new Run(listeners.get(i), target, to, from, nextMid.getAndAdd(count), count, (int) mtype,
                    text, rate);
            runs[i] = run.done;
            listeners.get(i).eventLoop().execute(run);
        }
        CompletableFuture.allOf(runs).whenComplete((ignored, failure) -> {
            activeFloods.decrementAndGet();
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

    private static Payload stats(RtmTestServer server) {
        List<GatewayConnection> connections = server.connections();
        long gids = 0;
        long rids = 0;
        long uids = 0;
        long events = 0;
        for (GatewayConnection connection : connections) {
            GatewayListenState listen = connection.listenState();
            gids += listen.gids().size();
            rids += listen.rids().size();
            uids += listen.uids().size();
            events += listen.events().size();
        }
        return Payload.builder()
                .put("connections", connections.size())
                .put("listenGids", gids)
                .put("listenRids", rids)
                .put("listenUids", uids)
                .put("listenEvents", events)
                .put("pushesSent", server.pushesSent())
                .put("pushesAnswered", server.pushesAnswered())
                .put("pushErrorAnswers", server.pushErrorAnswers())
                .put("pushesResent", server.pushesResent())
                .put("questsReceived", server.questsReceived())
                .build();
    }

    private static GatewayMessageKind kind(String kind) {
        return switch (kind) {
            case "p2p" -> GatewayMessageKind.P2P;
            case "group" -> GatewayMessageKind.GROUP;
            case "room" -> GatewayMessageKind.ROOM;
            default -> throw invalid("kind must be p2p, group or room, not '" + kind + "'");
        };
    }

    private static FpnnException invalid(String message) {
        return new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, message);
    }

    /** The pushes to one connection; its event loop only. */
    private final class Run implements Runnable {

        final CompletableFuture<Integer> done = new CompletableFuture<>();
        private final GatewayPushTarget connection;
        private final GatewayMessageKind kind;
        private final long to;
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

        Run(GatewayPushTarget connection, GatewayMessageKind kind, long to, long from, long firstMid, int count,
            int mtype, String text, long rate) {
            this.connection = connection;
            this.kind = kind;
            this.to = to;
            this.from = from;
            this.firstMid = firstMid;
            this.count = count;
            this.mtype = mtype;
            this.text = text;
            this.rate = rate;
        }

        @Override
        public void run() {
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
            for (int batch = 0; batch < BATCH && sent < limit && connection.isWritable(); batch++) {
                if (batch % 64 == 0 && connection.unansweredPushes() >= maxUnanswered) {
                    answersDue = true;
                    break;
                }
                // the send time travels in attrs so a client can measure push latency
                String attrs = "{\"sentNanos\":" + System.nanoTime() + "}";
                connection.push(kind.pushMethod(), Payload.builder()
                        .put("from", from)
                        .put(kind.idKey(), to)
                        .put("mid", firstMid + sent)
                        .put("mtype", mtype)
                        .put("msg", text)
                        .put("attrs", attrs)
                        .put("mtime", System.currentTimeMillis())
                        .build());
                sent++;
            }
            if (sent == count || !connection.isActive()) {
                done.complete(sent);
            } else if (answersDue) {
                answerWaits.incrementAndGet();
                connection.eventLoop().schedule(this, UNANSWERED_WAIT_MICROS, TimeUnit.MICROSECONDS);
            } else if (!connection.isWritable()) {
                connection.whenWritable(this);
            } else if (sent < limit) {
                connection.eventLoop().execute(this); // more are due now: after the loop's other work
            } else {
                // paced and none due yet (with no rate, limit is count and the branch above runs)
                connection.eventLoop().schedule(this, TICK_NANOS, TimeUnit.NANOSECONDS);
            }
        }
    }
}
