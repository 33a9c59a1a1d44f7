package io.rtm.client;

import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.Payload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the push listener off the network thread. Pushes are spread over
 * {@code lanes} threads by conversation (source and target id; an event's
 * user), so that one conversation keeps its order while others proceed in
 * parallel; connection changes go through a lane of their own.
 *
 * <p>A push may come with the quest it arrived in: that quest is answered once
 * the listener returned (or threw), which is how {@link AckMode#AFTER_HANDLING}
 * works. A duplicate's quest is answered behind its original, on the same
 * lane, so that it is never answered before the original was handled. A
 * listener may finish a push later ({@link RtmPushListener#handleMessage}
 * returns a stage that is not done yet): the push then counts as queued until
 * the stage completes, its quest and its duplicates' are answered when it
 * completes normally, and when it fails the push is forgotten by the
 * de-duplication and left unanswered, to be handled when pushed again.
 *
 * <p>Nothing is ever refused here: the pushes were read already. Instead, when
 * {@code capacity} pushes are waiting, {@link Backpressure#pause()} asks the
 * connection to stop reading, and {@link Backpressure#resume()} lets it read
 * again once half have been handled. A lane takes all that waits in one go,
 * and the two arrays it swaps with its producer are all it allocates.
 */
final class PushDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
    /** A duplicate push: nothing to call, only its quest to answer once its original was handled. */
    private record Duplicate(Object push) {
    }

    /** What the de-duplication keys a message by; events are their own key. */
    private record MessageKey(MessageSource source, long from, long to, long mid) {
    }

    /** Asked to stop and resume reading from the network. */
    interface Backpressure {
        void pause();

        void resume();
    }

    private final Lane[] lanes;
    private final Lane control;
    private final int capacity;
    private final AtomicInteger depth = new AtomicInteger();
    private final Supplier<RtmPushListener> listener;
    private final Backpressure backpressure;
    private final Consumer<Object> forget;
    private final RtmClientObserver observer;
    private final AtomicBoolean paused = new AtomicBoolean();
    /** Pushes whose listener finishes later, by their de-duplication key. */
    private final Map<Object, Later> later = new ConcurrentHashMap<>();

    /**
     * @param forget   makes the de-duplication forget a push (an {@code RtmMessage} or {@code RtmEvent}) whose
     *                 handling failed
     * @param observer hears of pushes whose handling failed
     */
    PushDispatcher(int threads, int capacity, Supplier<RtmPushListener> listener, Backpressure backpressure,
                   Consumer<Object> forget, RtmClientObserver observer) {
        if (threads < 1) {
            throw new IllegalArgumentException("dispatch threads must be at least 1: " + threads);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("dispatch queue capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.listener = listener;
        this.backpressure = backpressure;
        this.forget = forget;
        this.observer = observer;
        this.lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane("rtm-dispatch-" + i, true);
        }
        this.control = new Lane("rtm-dispatch-connection", false);
    }

    /** Starts a thread for every lane; again after the lanes were stopped. */
    void start() {
        for (Lane lane : lanes) {
            lane.start();
        }
        control.start();
    }

    /**
     * Queues a message push; called on the event loop.
     *
     * @param quest answered once the listener returned; {@code null} when the push was answered already
     */
    void dispatch(RtmMessage message, @Nullable FpnnQuest quest) {
        enqueue(laneOf(message), message, quest);
    }

    /** Queues an event push; events of one user keep their order. */
    void dispatch(RtmEvent event, @Nullable FpnnQuest quest) {
        enqueue(laneOf(event), event, quest);
    }

    /** Answers a duplicate message once its original, queued before it on its lane, was handled. */
    void answerAfter(RtmMessage duplicate, FpnnQuest quest) {
        enqueue(laneOf(duplicate), new Duplicate(duplicate), quest);
    }

    /** Answers a duplicate event once its original, queued before it on its lane, was handled. */
    void answerAfter(RtmEvent duplicate, FpnnQuest quest) {
        enqueue(laneOf(duplicate), new Duplicate(duplicate), quest);
    }

    /** Queues a callback about the connection or a gateway ping; any thread. */
    void dispatchControl(Runnable callback) {
        control.add(callback, null);
    }

    /** Pushes queued and not yet handled. */
    int depth() {
        return depth.get();
    }

    /** Events' own source index, after the message sources' ordinals. */
    private static final int EVENT_SOURCE = MessageSource.values().length;

    private Lane laneOf(RtmMessage message) {
        return laneOf(message.source().ordinal(), message.toId());
    }

    private Lane laneOf(RtmEvent event) {
        return laneOf(EVENT_SOURCE, event.uid());
    }

    private Lane laneOf(int source, long id) {
        if (lanes.length == 1) {
            return lanes[0];
        }
        long h = (id * 31 + source) * 0x9E3779B97F4A7C15L;
        return lanes[(int) ((h >>> 33) % lanes.length)];
    }

    private void enqueue(Lane lane, Object push, @Nullable FpnnQuest quest) {
        lane.add(push, quest);
        if (depth.incrementAndGet() >= capacity && paused.compareAndSet(false, true)) {
            backpressure.pause();
        }
    }

    private void handled() {
        if (depth.decrementAndGet() <= capacity / 2 && paused.compareAndSet(true, false)) {
            backpressure.resume();
        }
    }

    /**
     * Lets the queued pushes be handled, waiting at most {@code timeout}, then
     * stops the push threads; what is left is dropped unanswered. Reading must
     * already be stopped for good (a resume from the backpressure is then
     * ignored). The connection lane keeps running, so that the callbacks of
     * the closing connection still arrive.
     *
     * @return the number of pushes left unhandled
     */
    int drainPushes(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Lane lane : lanes) {
            lane.finish();
        }
        int left = 0;
        for (Lane lane : lanes) {
            left += lane.stop(deadline);
        }
        return left;
    }

    /** Runs the connection callbacks already queued (at most {@code timeout}), then stops their thread. */
    void stopConnectionLane(Duration timeout) {
        control.finish();
        control.stop(System.nanoTime() + timeout.toNanos());
    }

    /**
     * Handles one item of a lane; returns whether it is done, or finishes later (then {@link #handled()}
     * is called once it does).
     */
    private boolean handle(Object push, @Nullable Object quest) {
        if (push instanceof Duplicate duplicate) {
            Later original = later.get(keyOf(duplicate.push()));
            if (original == null || !original.wait((FpnnQuest) quest)) {
                answer(quest); // its original was handled already
            }
            return true;
        }
        if (push instanceof Runnable callback) {
            try {
                callback.run();
            } catch (RuntimeException | LinkageError e) {
                log.warn("Connection listener failed", e);
            }
            return true;
        }
        CompletionStage<?> done;
        try {
            done = push instanceof RtmMessage message ? listener.get().handleMessage(message)
                    : listener.get().handleEvent((RtmEvent) push);
        } catch (RuntimeException | LinkageError e) {
            // handleMessage or handleEvent could not even start: not handled, so not answered (onMessage's and
            // onEvent's exceptions count as handled; the interface's default methods catch them)
            done = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<?> stage = done.toCompletableFuture();
        if (stage.isDone() && !stage.isCompletedExceptionally()) {
            answer(quest);
            return true;
        }
        Later pending = new Later(push, quest);
        Object key = keyOf(push);
        later.put(key, pending);
        stage.whenComplete((ok, failure) -> {
            later.remove(key, pending);
            pending.complete(failure);
            handled();
        });
        return false;
    }

    /** What {@link RtmPushListener}'s default methods do with an exception of {@code onMessage} or {@code onEvent}. */
    static void listenerFailed(Object push, RuntimeException failure) {
        log.warn("Push listener failed on {}", push, failure);
    }

    private static void answer(@Nullable Object quest) {
        if (quest != null) {
            ((FpnnQuest) quest).answer(Payload.EMPTY);
        }
    }

    private static Object keyOf(Object push) {
        return push instanceof RtmMessage message
                ? new MessageKey(message.source(), message.fromUid(), message.toId(), message.messageId()) : push;
    }

    /** A push whose listener finishes later, and the quests that wait for it: its own and its duplicates'. */
    private final class Later {

        private final Object push;
        private final List<FpnnQuest> quests = new ArrayList<>(1);
        private boolean completed;

        Later(Object push, @Nullable Object quest) {
            this.push = push;
            if (quest != null) {
                quests.add((FpnnQuest) quest);
            }
        }

        /** Lets a duplicate's quest wait for this push; false once it has completed. */
        synchronized boolean wait(FpnnQuest duplicate) {
            if (!completed) {
                quests.add(duplicate);
            }
            return !completed;
        }

        /** Answers every waiting quest, or, when handling failed, none: the gateway counts them as not delivered. */
        void complete(@Nullable Throwable failure) {
            List<FpnnQuest> waiting;
            synchronized (this) {
                completed = true;
                waiting = List.copyOf(quests);
            }
            if (failure == null) {
                waiting.forEach(quest -> quest.answer(Payload.EMPTY));
                return;
            }
            forget.accept(push);
            observer.pushFailed(push instanceof RtmMessage message ? message.pushType() : RtmPushType.EVENT);
            if (waiting.isEmpty()) {
                log.warn("Handling {} failed: {}", push, failure.toString());
            } else {
                log.warn("Handling {} failed, so it is left unanswered for the gateway to push again: {}", push,
                        failure.toString());
            }
        }
    }

    /**
     * One thread and what waits for it, as pairs of a push (or a callback) and
     * the quest to answer after it, or {@code null}.
     */
    private final class Lane implements Runnable {

        private final String name;
        private final boolean pushes;
        /** Guarded by this: where producers add, and how much of it is filled. */
        private Object[] filling = new Object[64];
        private int filled;
        private boolean finishing;
        /** The lane thread's own: the batch it works through, swapped with {@link #filling}. */
        private Object[] taking = new Object[64];
        /** Pushes of the batch in hand the thread did not get to, read once it ended. */
        private volatile int unhandled;
        private @Nullable Thread thread;

        Lane(String name, boolean pushes) {
            this.name = name;
            this.pushes = pushes;
        }

        synchronized void start() {
            finishing = false;
            thread = new Thread(this, name);
            thread.setDaemon(true);
            thread.start();
        }

        synchronized void add(Object push, @Nullable FpnnQuest quest) {
            if (filled + 2 > filling.length) {
                filling = Arrays.copyOf(filling, filling.length * 2);
            }
            filling[filled++] = push;
            filling[filled++] = quest;
            if (filled == 2) {
                notifyAll();
            }
        }

        /** No more waiting for work: the thread ends once what is queued was handled. */
        synchronized void finish() {
            finishing = true;
            notifyAll();
        }

        @Override
        public void run() {
            try {
                while (true) {
                    int count;
                    synchronized (this) {
                        while (filled == 0 && !finishing) {
                            wait();
                        }
                        if (filled == 0) {
                            return;
                        }
                        Object[] batch = filling;
                        filling = taking;
                        taking = batch;
                        count = filled;
                        filled = 0;
                    }
                    for (int i = 0; i < count; i += 2) {
                        if (Thread.currentThread().isInterrupted()) {
                            unhandled = (count - i) / 2;
                            return;
                        }
                        boolean done = handle(taking[i], taking[i + 1]);
                        taking[i] = null;
                        taking[i + 1] = null;
                        if (pushes && done) {
                            handled();
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /**
         * Waits for the thread to end until the deadline, then interrupts it;
         * drops what it did not get to and returns how many pushes that was.
         */
        int stop(long deadlineNanos) {
            Thread running = thread;
            if (running == null) {
                return 0;
            }
            try {
                long wait = deadlineNanos - System.nanoTime();
                if (wait > 0) {
                    running.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                }
                if (running.isAlive()) {
                    running.interrupt();
                    running.join(TimeUnit.SECONDS.toMillis(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            int left;
            synchronized (this) {
                left = unhandled + filled / 2;
                Arrays.fill(filling, 0, filled, null);
                filled = 0;
                unhandled = 0;
                thread = null;
            }
            if (pushes) {
                depth.addAndGet(-left);
            }
            return left;
        }
    }
}
