package io.rtm.fpnn;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CodecException;
import io.netty.handler.codec.DecoderException;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The FPNN conversation on one channel, in both directions.
 *
 * <p>Quests sent with {@link #sendQuest} get a sequence number unique among the
 * pending ones and their own timeout ({@link FpnnErrorCode#CORE_TIMEOUT}); an
 * answer completes the quest with the same number, and when the channel closes
 * every pending quest fails with {@link FpnnErrorCode#CORE_CONNECTION_CLOSED}.
 * Quests from the peer go to the {@link FpnnQuestHandler}; answers written
 * while a read is in progress are encoded into one buffer and written and
 * flushed once, when the read completes (one buffer and one syscall for all the
 * pushes a read brought, instead of a frame, a buffer and a write each).
 *
 * <p>A framing error closes the channel: bytes after it cannot be trusted.
 *
 * <p>One instance per channel (it is not {@code @Sharable}), installed with
 * {@link FpnnPipeline#install}. Quests may be sent and the connection closed
 * from any thread; the peer's quests are served on the channel's event loop.
 */
public final class FpnnConnection extends SimpleChannelInboundHandler<FpnnFrame> {

    private static final Logger log = LoggerFactory.getLogger(FpnnConnection.class);
    private static final String QUEST_TIMEOUT = "a quest timeout";

    private final FpnnQuestHandler questHandler;
    private final Duration defaultTimeout;
    private final Map<Integer, PendingQuest> pending = new ConcurrentHashMap<>();
    private final AtomicInteger nextSeq = new AtomicInteger();
    /** Event-loop only: the timeouts of quests sent from the event loop. */
    private final TimeoutBuckets timeouts = new TimeoutBuckets();
    private volatile @Nullable Channel channel;
    /** Event-loop only: a read is in progress, so writes wait for its end to be flushed. */
    private boolean reading;
    private boolean flushPending;
    /**
     * Event-loop only: answers of the read in progress, encoded back to back; null when none. A
     * cipher in package mode enciphers each of its frames as a package of its own.
     */
    private @Nullable ByteBuf answers;
    /** Empty answers written from other threads, waiting for the event loop to write them together. */
    private final LaterAnswers laterAnswers = new LaterAnswers();
    /** The first failure that closed the channel; written on the event loop. */
    private volatile @Nullable Throwable failure;
    /** Event-loop only: whether the peer's quests are still served (see {@link #stopServing()}). */
    private boolean serving = true;

    /**
     * A connection for one channel.
     *
     * @param questHandler   serves the peer's quests, on the event loop
     * @param defaultTimeout how long a quest sent without a timeout of its own waits for its answer
     * @throws IllegalArgumentException when {@code defaultTimeout} is null, zero or negative
     */
    public FpnnConnection(FpnnQuestHandler questHandler, Duration defaultTimeout) {
        super(FpnnFrame.class);
        this.questHandler = Objects.requireNonNull(questHandler, "questHandler");
        this.defaultTimeout = Durations.requirePositive(defaultTimeout, QUEST_TIMEOUT);
    }

    /** The reader the quest handler wants for that method's payloads, if any. */
    PayloadFields.@Nullable Reader<?> fieldReader(String method) {
        return questHandler.fieldReader(method);
    }

    /** The channel, once this handler has been added to a pipeline; {@code null} before. */
    public @Nullable Channel channel() {
        return channel;
    }

    /** Whether the channel is open and connected: quests can be sent. */
    public boolean isActive() {
        Channel current = channel;
        return current != null && current.isActive();
    }

    /**
     * Sends a two-way quest with the default timeout; see {@link #sendQuest(String, Payload, Duration)}.
     *
     * @param method  the method name, 1 to 255 bytes of UTF-8
     * @param payload the quest's fields
     * @return completed with the answer's payload, or exceptionally with an {@link FpnnException}
     */
    public CompletableFuture<Payload> sendQuest(String method, Payload payload) {
        return sendQuest(method, payload, defaultTimeout);
    }

    /**
     * Sends a two-way quest. Any thread may call it; the frame is written, and
     * flushed at once unless a read is in progress on the event loop, whose end
     * flushes it.
     *
     * @param method  the method name, 1 to 255 bytes of UTF-8
     * @param payload the quest's fields
     * @param timeout how long to wait for the answer; {@code null} for the default timeout
     * @return completed with the answer's payload, or exceptionally with an
     *         {@link FpnnException}: the peer's error answer, a timeout (20003),
     *         the connection closing (20002) or not being open (20012); or with an
     *         {@link IllegalArgumentException} for a method name of the wrong length
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public CompletableFuture<Payload> sendQuest(String method, Payload payload, @Nullable Duration timeout) {
        Duration questTimeout = timeout == null ? defaultTimeout : Durations.requirePositive(timeout, QUEST_TIMEOUT);
        Channel current = channel;
        CompletableFuture<Payload> result = new CompletableFuture<>();
        if (current == null || !current.isActive()) {
            result.completeExceptionally(notConnected(method));
            return result;
        }
        long timeoutNanos = questTimeout.toNanos();
        PendingQuest quest = new PendingQuest(method, result);
        int seq = register(quest);
        FpnnFrame frame;
        try {
            frame = FpnnFrame.twoWay(seq, method, payload);
        } catch (RuntimeException e) {
            pending.remove(seq);
            result.completeExceptionally(e);
            return result;
        }
        EventLoop loop = current.eventLoop();
        if (loop.inEventLoop()) {
            // one scheduled task per 10 ms of deadlines instead of one per quest: pushes are sent
            // and answered by the hundred thousand, and each cancel costs a priority-queue removal
            quest.deadlineNanos = System.nanoTime() + timeoutNanos;
            timeouts.add(loop, seq, quest.deadlineNanos);
        } else {
            quest.timeout = loop.schedule(() -> expire(seq, quest), timeoutNanos, TimeUnit.NANOSECONDS);
        }
        write(frame).addListener(future -> {
            if (!future.isSuccess() && pending.remove(seq, quest)) {
                quest.cancelTimeout();
                Throwable cause = future.cause();
                result.completeExceptionally(cause instanceof FpnnException ? cause
                        : cause != null && cause.getCause() instanceof FpnnException ? cause.getCause()
                        : new FpnnException(FpnnErrorCode.CORE_CONNECTION_CLOSED,
                                "quest '" + method + "' could not be sent: " + cause, cause));
            }
        });
        if (!current.isActive() && pending.remove(seq, quest)) {
            quest.cancelTimeout();
            result.completeExceptionally(closed(method));
        }
        return result;
    }

    /** Sends a one-way quest; it gets no answer. */
    void sendOneWay(String method, Payload payload) {
        Channel current = channel;
        if (current == null || !current.isActive()) {
            throw notConnected(method);
        }
        write(FpnnFrame.oneWay(method, payload));
    }

    /** The number of quests sent and not yet answered, failed or timed out; any thread. */
    public int pendingCount() {
        return pending.size();
    }

    /** Closes the channel, if there is one yet, from any thread; pending quests fail with 20002. */
    public void close() {
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    ChannelFuture write(FpnnFrame frame) {
        Channel current = channel;
        if (inRead(current)) {
            flushPending = true;
            return current.write(frame);
        }
        return current.writeAndFlush(frame);
    }

    /**
     * Writes an answer, encoded here rather than by the frame encoder so that a
     * payload that cannot be encoded still gets the peer an answer: error
     * {@link FpnnErrorCode#CORE_ENCODING}. No future of its own (no promise per answer).
     */
    void writeAnswer(FpnnFrame frame) {
        Channel current = channel;
        if (inRead(current)) {
            encodeAnswer(frame, answerBuffer(current));
            return;
        }
        ByteBuf out = current.alloc().ioBuffer(64);
        encodeAnswer(frame, out);
        current.writeAndFlush(out, current.voidPromise());
    }

    private void encodeAnswer(FpnnFrame frame, ByteBuf out) {
        try {
            FpnnFrameEncoder.encode(frame, out);
        } catch (RuntimeException e) {
            log.warn("Could not encode an answer to {}: {}", channel.remoteAddress(), e.getMessage());
            FpnnFrameEncoder.encode(FpnnFrame.errorAnswer(frame.seq(), FpnnErrorCode.CORE_ENCODING,
                    "the answer could not be encoded"), out);
        }
    }

    /**
     * Writes the OK answer {@code {}}: the answer to every push, so encoded
     * without a frame object. From another thread (a push answered once its
     * listener returned) it joins the other answers written meanwhile, which go
     * out in one write.
     */
    void writeEmptyAnswer(int seq) {
        Channel current = channel;
        if (inRead(current)) {
            FpnnFrameEncoder.encodeEmptyAnswer(seq, answerBuffer(current));
        } else if (!current.eventLoop().inEventLoop()) {
            laterAnswers.add(seq);
        } else {
            writeAnswer(FpnnFrame.answer(seq, Payload.EMPTY));
        }
    }

    /** Whether this runs on the event loop during a read, whose end flushes what is written now. */
    private boolean inRead(Channel current) {
        return current.eventLoop().inEventLoop() && reading;
    }

    private ByteBuf answerBuffer(Channel current) {
        if (answers == null) {
            answers = current.alloc().ioBuffer(1024);
        }
        flushPending = true;
        return answers;
    }

    private int register(PendingQuest quest) {
        while (true) {
            int seq = nextSeq.incrementAndGet();
            if (seq != 0 && pending.putIfAbsent(seq, quest) == null) {
                return seq;
            }
        }
    }

    private void expire(int seq, PendingQuest quest) {
        if (pending.remove(seq, quest)) {
            quest.result.completeExceptionally(new FpnnException(FpnnErrorCode.CORE_TIMEOUT,
                    "no answer to '" + quest.method + "' within the quest timeout"));
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        reading = true;
        super.channelRead(ctx, msg);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FpnnFrame frame) {
        if (frame.isAnswer()) {
            completeQuest(frame);
        } else {
            serveQuest(frame);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        reading = false;
        flushAnswers(ctx);
        ctx.fireChannelReadComplete();
    }

    /** Writes the answers batched during the read, and flushes what waits for the read's end. */
    private void flushAnswers(ChannelHandlerContext ctx) {
        if (answers != null) {
            ByteBuf batch = answers;
            answers = null;
            ctx.write(batch, ctx.voidPromise());
        }
        if (flushPending) {
            flushPending = false;
            ctx.flush();
        }
    }

    private void completeQuest(FpnnFrame answer) {
        PendingQuest quest = pending.remove(answer.seq());
        if (quest == null) {
            log.debug("Answer to an unknown or expired quest, seq {}", Integer.toUnsignedString(answer.seq()));
            return;
        }
        quest.cancelTimeout();
        if (answer.isErrorAnswer() || !answer.hasValidPayload()) {
            quest.result.completeExceptionally(answer.toException());
        } else {
            quest.result.complete(answer.payload());
        }
    }

    /**
     * Stops serving the peer's quests: from now on they get no answer and reach
     * no handler, so that the peer still counts them as unanswered. Answers to
     * this side's quests are still taken. Event loop only.
     */
    public void stopServing() {
        serving = false;
    }

    private void serveQuest(FpnnFrame frame) {
        if (!serving) {
            return;
        }
        FpnnQuest quest = new FpnnQuest(this, frame);
        try {
            Payload answer = questHandler.handle(quest);
            if (answer != null) {
                quest.answer(answer);
            }
        } catch (FpnnException e) {
            quest.answerError(e.code(), e.reason());
        } catch (RuntimeException e) {
            log.warn("Quest handler failed on {}", quest, e);
            quest.answerError(FpnnErrorCode.CORE_UNKNOWN_ERROR, "server error: " + e.getClass().getSimpleName());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        releaseAnswers();
        failPending();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseAnswers();
    }

    private void releaseAnswers() {
        if (answers != null) {
            answers.release();
            answers = null;
        }
    }

    private void failPending() {
        for (Integer seq : pending.keySet()) {
            PendingQuest quest = pending.remove(seq);
            if (quest != null) {
                quest.cancelTimeout();
                quest.result.completeExceptionally(closed(quest.method));
            }
        }
    }

    /**
     * A framing error below, or any failure in this handler, closes the
     * channel: bytes after it cannot be trusted. The answers of the quests read
     * before it go out first. The failure is kept as {@link #failure()}, for the
     * owner of the connection to report once, and logged here at debug level, or
     * with its stack trace at warn level when it is neither an I/O error nor a
     * framing or codec error.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable reported = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (failure == null) {
            failure = reported;
        }
        if (reported instanceof IOException || reported instanceof CodecException || reported instanceof FpnnException) {
            log.debug("Closing connection to {}: {}", ctx.channel().remoteAddress(), reported.toString());
        } else {
            // a bug rather than the network or the peer: the owner reports one line, so the trace goes here
            log.warn("Closing connection to {} after an unexpected failure", ctx.channel().remoteAddress(), reported);
        }
        flushAnswers(ctx);
        ctx.close();
    }

    /**
     * What made this connection close its channel: a framing error, an I/O
     * error or an unexpected failure; {@code null} when it closed for another
     * reason (a close asked for, or the peer's).
     */
    public @Nullable Throwable failure() {
        return failure;
    }

    private static FpnnException notConnected(String method) {
        return new FpnnException(FpnnErrorCode.CORE_INVALID_CONNECTION, "not connected: cannot send '" + method + "'");
    }

    private static FpnnException closed(String method) {
        return new FpnnException(FpnnErrorCode.CORE_CONNECTION_CLOSED,
                "connection closed before '" + method + "' was answered");
    }

    /**
     * Quest timeouts grouped by deadline into {@link #WIDTH_NANOS} buckets, each
     * swept by one scheduled task; a bucket holds only sequence numbers, so an
     * answered quest leaves nothing behind but 4 bytes until its bucket is due,
     * and an answer cancels nothing. A timeout fires at most one bucket width
     * late. Event-loop only.
     */
    private final class TimeoutBuckets {

        static final long WIDTH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

        private final Map<Long, Bucket> buckets = new HashMap<>();
        private @Nullable Bucket last;

        void add(EventLoop loop, int seq, long deadlineNanos) {
            long tick = Math.floorDiv(deadlineNanos, WIDTH_NANOS) + 1; // the bucket ends after the deadline
            Bucket bucket = last;
            if (bucket == null || bucket.tick != tick) {
                bucket = buckets.get(tick);
                if (bucket == null) {
                    Bucket created = new Bucket(tick);
                    buckets.put(tick, created);
                    loop.schedule(() -> sweep(created), tick * WIDTH_NANOS - System.nanoTime(), TimeUnit.NANOSECONDS);
                    bucket = created;
                }
                last = bucket;
            }
            bucket.add(seq);
        }

        private void sweep(Bucket bucket) {
            buckets.remove(bucket.tick);
            if (last == bucket) {
                last = null;
            }
            long now = System.nanoTime();
            for (int i = 0; i < bucket.size; i++) {
                int seq = bucket.seqs[i];
                PendingQuest quest = pending.get(seq);
                // the number may have been reused by a later quest that is not due yet
                if (quest != null && quest.timeout == null && quest.deadlineNanos - now <= 0) {
                    expire(seq, quest);
                } else if (quest != null && quest.timeout == null && quest.deadlineNanos - now < WIDTH_NANOS) {
                    add(channel.eventLoop(), seq, quest.deadlineNanos); // woken a little early
                }
            }
        }
    }

    private static final class Bucket {

        final long tick;
        int[] seqs = new int[16];
        int size;

        Bucket(long tick) {
            this.tick = tick;
        }

        void add(int seq) {
            if (size == seqs.length) {
                seqs = Arrays.copyOf(seqs, size * 2);
            }
            seqs[size++] = seq;
        }
    }

    /**
     * The sequence numbers of empty answers written from threads other than
     * the event loop, encoded together into one buffer and written with one
     * flush by a single task on the loop: however many listener threads
     * answer at once, the loop is woken once per batch, not per answer.
     */
    private final class LaterAnswers implements Runnable {

        /** Guarded by this. */
        private int[] seqs = new int[64];
        private int size;
        private boolean scheduled;
        /** Event-loop only: the batch being written, swapped with {@link #seqs}. */
        private int[] writing = new int[64];

        void add(int seq) {
            boolean schedule;
            synchronized (this) {
                if (size == seqs.length) {
                    seqs = Arrays.copyOf(seqs, size * 2);
                }
                seqs[size++] = seq;
                schedule = !scheduled;
                scheduled = true;
            }
            if (schedule) {
                channel.eventLoop().execute(this);
            }
        }

        @Override
        public void run() {
            int count;
            synchronized (this) {
                int[] batch = seqs;
                seqs = writing;
                writing = batch;
                count = size;
                size = 0;
                scheduled = false;
            }
            Channel current = channel;
            if (count == 0 || !current.isActive()) {
                return; // a closed connection's answers are gone; the peer counts those quests as unanswered
            }
            ByteBuf out = current.alloc().ioBuffer(count * FpnnFrameEncoder.EMPTY_ANSWER_SIZE);
            for (int i = 0; i < count; i++) {
                FpnnFrameEncoder.encodeEmptyAnswer(writing[i], out);
            }
            current.writeAndFlush(out, current.voidPromise());
        }
    }

    private static final class PendingQuest {

        final String method;
        final CompletableFuture<Payload> result;
        volatile @Nullable ScheduledFuture<?> timeout;
        /** For quests sent on the event loop, whose timeout is in a bucket. */
        long deadlineNanos;

        PendingQuest(String method, CompletableFuture<Payload> result) {
            this.method = method;
            this.result = result;
        }

        void cancelTimeout() {
            ScheduledFuture<?> scheduled = timeout;
            if (scheduled != null) {
                scheduled.cancel(false);
            }
        }
    }
}
