package io.rtm.spring.boot.autoconfigure.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rtm.client.RtmException;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.listener.RtmConnectionLifecycle;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.integration.leader.Candidate;
import org.springframework.integration.leader.Context;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * Makes the client of one instance of a cluster listen only while this instance leads: Spring Integration's
 * {@link LockRegistryLeaderInitiator} keeps trying one lock of a distributed {@link LockRegistry}, and this
 * is its candidate. The client connects with listening suspended; leadership granted resumes it (one
 * {@code setlisten} on the connection that is already up), leadership lost suspends it again.
 *
 * <p>It owns the initiator rather than leaving it to the context, because the order of a graceful stop
 * matters: the initiator's own stop releases the lock <em>before</em> it calls the candidate back, which
 * would let a standby listen while this instance still does. So {@link #stop()} first has the gateway clear
 * this connection's listen set, then stops the initiator and waits until its thread has released the lock.
 * Its phase is above {@link RtmConnectionLifecycle}'s: it starts once the client is connected and stops
 * before it disconnects, which then drains the pushes already read.
 */
public final class RtmClusterLeadership implements RtmClusterMember, SmartLifecycle {

    /** After {@link RtmConnectionLifecycle}: the connection is up before leadership can resume listening. */
    public static final int PHASE = RtmConnectionLifecycle.PHASE + 100;

    private static final Log logger = LogFactory.getLog(RtmClusterLeadership.class);

    private final RtmServerClient client;

    private final LockRegistry<?> locks;

    private final String lockKey;

    private final Duration retryInterval;

    private final Duration stopTimeout;

    private final ApplicationEventPublisher publisher;

    private final String id = UUID.randomUUID().toString();

    private volatile RtmClusterRole role = RtmClusterRole.STANDBY;

    private volatile Instant roleSince = Instant.now();

    /** Set while stopping (guarded by this): a grant that races with the stop must not resume listening. */
    private boolean stopping;

    private @Nullable LockRegistryLeaderInitiator initiator;

    private @Nullable SimpleAsyncTaskExecutor electionThread;

    /**
     * Creates the leadership of a client.
     *
     * @param client        the client, built with listening suspended
     *                      ({@link RtmServerClient.Builder#listeningSuspended(boolean)})
     * @param locks         where the lock lives, shared by every instance of the cluster
     * @param lockKey       the lock's key, one per cluster
     * @param retryInterval how often a standby tries for the lock, and the leader renews it
     * @param stopTimeout   how long a stop waits for the gateway to clear the listen set, and then for the
     *                      lock to be released (the lock's time to live: it expires by then anyway)
     * @param publisher     where {@link RtmClusterRoleChangedEvent}s, {@code OnGrantedEvent}s and
     *                      {@code OnRevokedEvent}s go
     * @throws IllegalStateException when the client is not suspended: it would listen before it leads
     */
    public RtmClusterLeadership(RtmServerClient client, LockRegistry<?> locks, String lockKey,
            Duration retryInterval, Duration stopTimeout, ApplicationEventPublisher publisher) {
        if (!client.isListeningSuspended()) {
            throw new IllegalStateException("The RTM server client of a cluster member must start with listening"
                    + " suspended, so that it listens only once it leads: build it with listeningSuspended(true)");
        }
        this.client = client;
        this.locks = locks;
        this.lockKey = lockKey;
        this.retryInterval = retryInterval;
        this.stopTimeout = stopTimeout;
        this.publisher = publisher;
    }

    @Override
    public RtmClusterRole role() {
        return this.role;
    }

    @Override
    public Instant roleSince() {
        return this.roleSince;
    }

    /** The key of the lock the instances of the cluster compete for. */
    public String lockKey() {
        return this.lockKey;
    }

    /** Starts competing for the lock, on a thread of its own ({@code rtm-leadership}). */
    @Override
    public synchronized void start() {
        if (this.initiator != null) {
            return;
        }
        this.stopping = false;
        // a fresh thread per start: stop() closes it to wait for the lock's release
        SimpleAsyncTaskExecutor thread = new SimpleAsyncTaskExecutor("rtm-leadership-");
        thread.setDaemon(true);
        thread.setTaskTerminationTimeout(this.stopTimeout.toMillis());
        LockRegistryLeaderInitiator election = new LockRegistryLeaderInitiator(this.locks, new Member());
        election.setTaskExecutor(thread);
        election.setHeartBeatMillis(this.retryInterval.toMillis());
        election.setApplicationEventPublisher(this.publisher);
        election.start();
        this.electionThread = thread;
        this.initiator = election;
        logger.info("RTM cluster '" + this.lockKey + "': standby, listening suspended; trying for the lock every "
                + this.retryInterval.toMillis() + " ms");
    }

    /**
     * Steps down and leaves the cluster. A leader first has the gateway clear its listen set (waiting for the
     * answer), so that no new push comes to it; then the lock is released, and a standby takes over at once.
     * The pushes already read are handled (and, after handling, answered) when the client disconnects next.
     */
    @Override
    public void stop() {
        LockRegistryLeaderInitiator election;
        SimpleAsyncTaskExecutor thread;
        boolean leader;
        synchronized (this) {
            election = this.initiator;
            thread = this.electionThread;
            if (election == null || thread == null) {
                return;
            }
            this.stopping = true;
            leader = isLeader();
            this.initiator = null;
            this.electionThread = null;
        }
        if (leader) {
            awaitSuspended();
        }
        election.stop();
        // the election thread releases the lock, then calls onRevoked, then ends
        thread.close();
    }

    private void awaitSuspended() {
        try {
            this.client.suspendListening().get(this.stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (ExecutionException ex) {
            warnUnconfirmed("cleared listen set", RtmException.of(ex).getMessage(), "releasing the lock all the same");
        }
        catch (TimeoutException ex) {
            warnUnconfirmed("cleared listen set", "no answer within " + this.stopTimeout.toMillis() + " ms",
                    "releasing the lock all the same");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return this.initiator != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** Leadership granted or lost: listening resumed or suspended, then announced. On the election thread. */
    private void become(RtmClusterRole next) {
        boolean leading = next == RtmClusterRole.LEADER;
        CompletableFuture<Void> applied;
        synchronized (this) {
            // a grant that races with stop() is not taken up: the lock goes again as the election thread ends
            if (this.role == next || (leading && this.stopping)) {
                return;
            }
            applied = leading ? this.client.resumeListening() : this.client.suspendListening();
            this.role = next;
            this.roleSince = Instant.now();
        }
        // outside the monitor: the event's listeners are the application's
        logger.info("RTM cluster '" + this.lockKey + "': "
                + (leading ? "leader, listening resumed" : "standby, listening suspended"));
        this.publisher.publishEvent(new RtmClusterRoleChangedEvent(this, next, this.lockKey));
        applied.whenComplete((ok, failure) -> {
            if (failure != null) {
                warnUnconfirmed(leading ? "listen set" : "cleared listen set", RtmException.of(failure).getMessage(),
                        leading ? "the next connection gets it" : "the next connection starts with nothing");
            }
        });
    }

    private void warnUnconfirmed(String state, String why, String consequence) {
        logger.warn("RTM cluster '" + this.lockKey + "': the gateway did not confirm the " + state + " (" + why
                + "); " + consequence);
    }

    @Override
    public String toString() {
        return "RtmClusterLeadership{lockKey=" + this.lockKey + ", role=" + this.role + "}";
    }

    /** The candidate the initiator calls back, on its thread. */
    private final class Member implements Candidate {

        @Override
        public String getRole() {
            return RtmClusterLeadership.this.lockKey;
        }

        @Override
        public String getId() {
            return RtmClusterLeadership.this.id;
        }

        @Override
        public void onGranted(Context context) {
            become(RtmClusterRole.LEADER);
        }

        @Override
        public void onRevoked(Context context) {
            become(RtmClusterRole.STANDBY);
        }
    }
}
