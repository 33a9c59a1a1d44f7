package io.rtm.spring.boot.test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.rtm.spring.listener.RtmListenerInterceptor;

import org.springframework.core.Ordered;

/**
 * Records every call of a listener method (the push, the arguments, what it returned or threw) for a test to
 * wait for and look at; {@link RtmListenerTest @RtmListenerTest} makes it a bean. As the outermost
 * {@link RtmListenerInterceptor} it sees each call as the error handler does, one record per attempt.
 *
 * <p>It keeps the last {@value #CAPACITY} calls. A test context may be shared by several test classes (the
 * context cache), so wait for a call that matches your push (its mid, say), or {@link #reset()} first.
 */
public final class RtmListenerTestHarness implements RtmListenerInterceptor, Ordered {

    /** How many calls are kept at most; older ones are dropped. */
    public static final int CAPACITY = 10_000;

    /** How long {@link #awaitInvocation(String, Predicate)} waits. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private final ArrayDeque<RtmListenerInvocation> invocations = new ArrayDeque<>();

    @Override
    public void intercept(Invocation invocation) throws Exception {
        try {
            invocation.proceed();
            record(new RtmListenerInvocation(invocation.listenerId(), invocation.push(), invocation.arguments(),
                    invocation.result(), null));
        } catch (Exception | Error ex) {
            record(new RtmListenerInvocation(invocation.listenerId(), invocation.push(), invocation.arguments(),
                    null, ex));
            throw ex;
        }
    }

    private synchronized void record(RtmListenerInvocation invocation) {
        if (this.invocations.size() == CAPACITY) {
            this.invocations.removeFirst();
        }
        this.invocations.addLast(invocation);
        notifyAll();
    }

    /** Outermost: it records what reaches the error handler. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    /** The calls recorded, oldest first. */
    public synchronized List<RtmListenerInvocation> getInvocations() {
        return List.copyOf(this.invocations);
    }

    /** The calls of one listener recorded, oldest first. */
    public synchronized List<RtmListenerInvocation> getInvocations(String listenerId) {
        return this.invocations.stream().filter((invocation) -> invocation.listenerId().equals(listenerId)).toList();
    }

    /** Forgets the calls recorded. */
    public synchronized void reset() {
        this.invocations.clear();
    }

    /**
     * Waits at most {@link #DEFAULT_TIMEOUT} for a call of the listener that matches, recorded already or
     * still to come.
     *
     * @return the first such call
     * @throws AssertionError when none came, listing the listener's calls recorded
     */
    public RtmListenerInvocation awaitInvocation(String listenerId, Predicate<? super RtmListenerInvocation> matching) {
        return awaitInvocation(listenerId, DEFAULT_TIMEOUT, matching);
    }

    /**
     * Waits at most the timeout for a call of the listener that matches, recorded already or still to come.
     *
     * @return the first such call
     * @throws AssertionError when none came, listing the listener's calls recorded
     */
    public synchronized RtmListenerInvocation awaitInvocation(String listenerId, Duration timeout,
            Predicate<? super RtmListenerInvocation> matching) {
        Objects.requireNonNull(listenerId, "listenerId");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (RtmListenerInvocation invocation : this.invocations) {
                if (invocation.listenerId().equals(listenerId) && matching.test(invocation)) {
                    return invocation;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("No matching call of listener '" + listenerId + "' within "
                        + timeout.toMillis() + " ms; its calls recorded: " + getInvocations(listenerId));
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for a call of listener '" + listenerId + "'");
            }
        }
    }
}
