package io.rtm.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs the push listener off the network thread. Pushes are spread over
 * {@code lanes} threads by conversation (source and target id), so that one
 * conversation keeps its order while others proceed in parallel; connection
 * changes go through a lane of their own.
 *
 * <p>The queues hold pushes that were already answered, so nothing is ever
 * refused here. Instead, when {@code capacity} pushes are waiting,
 * {@link Backpressure#pause()} asks the connection to stop reading, and
 * {@link Backpressure#resume()} lets it read again once half have been handled.
 */
final class PushDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);
    private static final Object STOP = new Object();

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
    private final AtomicBoolean paused = new AtomicBoolean();

    PushDispatcher(int threads, int capacity, Supplier<RtmPushListener> listener, Backpressure backpressure) {
        if (threads < 1) {
            throw new IllegalArgumentException("dispatch threads must be at least 1: " + threads);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("dispatch queue capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.listener = listener;
        this.backpressure = backpressure;
        this.lanes = new Lane[threads];
        for (int i = 0; i < threads; i++) {
            lanes[i] = new Lane("rtm-dispatch-" + i);
        }
        this.control = new Lane("rtm-dispatch-connection");
    }

    void start() {
        for (Lane lane : lanes) {
            lane.thread.start();
        }
        control.thread.start();
    }

    /** Queues a message push; called on the event loop. */
    void dispatch(RtmMessage message) {
        enqueue(laneOf(message.source().ordinal(), message.toId()), message);
    }

    /** Queues an event push; events of one user keep their order. */
    void dispatch(RtmEvent event) {
        enqueue(laneOf(3, event.uid()), event);
    }

    /** Queues a callback about the connection or a gateway ping. */
    void dispatchControl(Runnable callback) {
        control.queue.add(callback);
    }

    /** Pushes queued and not yet handled. */
    int depth() {
        return depth.get();
    }

    private Lane laneOf(int source, long id) {
        if (lanes.length == 1) {
            return lanes[0];
        }
        long h = (id * 31 + source) * 0x9E3779B97F4A7C15L;
        return lanes[(int) ((h >>> 33) % lanes.length)];
    }

    private void enqueue(Lane lane, Object push) {
        lane.queue.add(push);
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
     * stops the push threads. Reading must already be stopped for good (a
     * resume from the backpressure is then ignored). The connection lane keeps running, so that the
     * callbacks of the closing connection still arrive.
     *
     * @return the number of pushes left unhandled
     */
    int drainPushes(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Lane lane : lanes) {
            lane.queue.add(STOP);
        }
        int left = 0;
        for (Lane lane : lanes) {
            left += lane.stop(deadline);
        }
        return left;
    }

    /** Runs the connection callbacks already queued (at most {@code timeout}), then stops their thread. */
    void stopConnectionLane(Duration timeout) {
        control.queue.add(STOP);
        control.stop(System.nanoTime() + timeout.toNanos());
    }

    private void handle(Object item) {
        try {
            if (item instanceof RtmMessage message) {
                listener.get().onMessage(message);
            } else if (item instanceof RtmEvent event) {
                listener.get().onEvent(event);
            } else {
                ((Runnable) item).run();
            }
        } catch (RuntimeException | LinkageError e) {
            log.warn("Push listener failed on {}", item, e);
        }
    }

    private final class Lane implements Runnable {

        final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        final Thread thread;

        Lane(String name) {
            this.thread = new Thread(this, name);
            this.thread.setDaemon(true);
        }

        @Override
        public void run() {
            boolean pushes = this != control;
            try {
                while (true) {
                    Object item = queue.take();
                    if (item == STOP) {
                        return;
                    }
                    handle(item);
                    if (pushes) {
                        handled();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the thread to reach STOP until the deadline, then interrupts it; returns what was left. */
        int stop(long deadlineNanos) {
            try {
                long wait = deadlineNanos - System.nanoTime();
                if (wait > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                thread.interrupt();
            }
            return (int) queue.stream().filter(item -> item != STOP).count();
        }
    }
}
