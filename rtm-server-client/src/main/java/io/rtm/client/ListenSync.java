package io.rtm.client;

import io.netty.channel.EventLoop;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * Keeps what the gateway listens to for this client in step with what the
 * client wants: the <em>desired</em> listen state, changed by every listen
 * call at once, and the state the gateway <em>confirmed</em> on the current
 * connection.
 *
 * <p>While a connection is in step, a change goes out as its own quest
 * ({@code addlisten}, {@code removelisten}, {@code setlisten}) and the
 * confirmed state follows the gateway's OK. A new connection first gets the
 * whole desired state in one {@code setlisten} (ids and flags together); only
 * then is it in step. A change made while no connection is in step is kept and
 * goes out with that quest; its caller hears of it when the gateway confirmed
 * it, or after its timeout.
 *
 * <p>Listening can be suspended (a standby of a cluster): the gateway is then
 * given the empty listen state, while the desired one is kept and changed by
 * listen calls as before, to be given again when listening resumes.
 * Thread-safe: listen calls come from any thread, connection changes from the
 * event loop.
 */
final class ListenSync {

    /** Sends a signed quest on a connection. */
    @FunctionalInterface
    interface Sender {
        CompletableFuture<Payload> send(FpnnConnection connection, String method, Payload fields,
                                        @Nullable Duration timeout);
    }

    private static final String KEPT = "; the change is kept in the desired listen set and applied once connected";

    private final Sender sender;
    private final EventLoop loop;
    private final Duration defaultTimeout;
    private final Object lock = new Object();
    private ListenState desired = ListenState.EMPTY;
    private ListenState confirmed = ListenState.EMPTY;
    /** The connection whose listen state is in step; {@code null} while there is none. */
    private @Nullable FpnnConnection inStep;
    /** Changes made while no connection was in step, waiting for the next one. */
    private final List<CompletableFuture<Void>> waiting = new ArrayList<>();
    /** Whether the client is trying to connect, so that a change made while not in step can wait. */
    private boolean connecting;
    /** Whether the gateway is to hold nothing for this client for now, whatever is desired. */
    private boolean suspended;

    ListenSync(Sender sender, EventLoop loop, Duration defaultTimeout, boolean suspended) {
        this.sender = sender;
        this.loop = loop;
        this.defaultTimeout = defaultTimeout;
        this.suspended = suspended;
    }

    /** What every new connection is given. */
    ListenState desired() {
        synchronized (lock) {
            return desired;
        }
    }

    /** Whether listening is suspended. */
    boolean isSuspended() {
        synchronized (lock) {
            return suspended;
        }
    }

    /** What the gateway is to hold: the desired state, or nothing while suspended. Call holding the lock. */
    private ListenState target() {
        return suspended ? ListenState.EMPTY : desired;
    }

    /** What the gateway confirmed on the current connection; empty while there is none. */
    ListenState confirmed() {
        synchronized (lock) {
            return confirmed;
        }
    }

    /** The client started (or stopped) connecting. */
    void connecting(boolean connecting) {
        List<CompletableFuture<Void>> failed;
        synchronized (lock) {
            this.connecting = connecting;
            if (connecting) {
                return;
            }
            failed = new ArrayList<>(waiting);
            waiting.clear();
        }
        failed.forEach(change -> change.completeExceptionally(
                new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION, "the client stopped connecting" + KEPT)));
    }

    /**
     * Applies a change to the desired state and, when a connection is in
     * step, sends it; while suspended it is only kept.
     *
     * @param method  the quest that makes the change on the gateway
     * @param fields  its fields
     * @param change  the change, as the gateway applies it (protocol section 8.2)
     * @param timeout how long to wait for the gateway's confirmation; {@code null} for the quest timeout
     * @return completed once the gateway confirmed the change
     */
    CompletableFuture<Void> change(String method, Payload fields, UnaryOperator<ListenState> change,
                                   @Nullable Duration timeout) {
        FpnnConnection connection;
        CompletableFuture<Payload> answer;
        synchronized (lock) {
            desired = change.apply(desired);
            if (suspended) {
                return CompletableFuture.completedFuture(null);
            }
            connection = inStep;
            if (connection == null) {
                return waitForConnection(timeout);
            }
            // sent while holding the lock, so that the quests leave in the order the desired state changed
            answer = sender.send(connection, method, fields, timeout);
        }
        return answer.handle((ok, failure) -> {
            if (failure != null) {
                RtmException error = RtmException.of(failure);
                throw new RtmException(error.code(), error.reason() + KEPT, error);
            }
            synchronized (lock) {
                if (inStep == connection) {
                    confirmed = change.apply(confirmed);
                }
            }
            return null;
        });
    }

    private CompletableFuture<Void> waitForConnection(@Nullable Duration timeout) {
        if (!connecting) {
            return CompletableFuture.failedFuture(new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION,
                    "not connected to the RTM gateway (connect() was not called, or close() was)" + KEPT));
        }
        CompletableFuture<Void> change = new CompletableFuture<>();
        waiting.add(change);
        Duration wait = timeout != null ? timeout : defaultTimeout;
        loop.schedule(() -> {
            if (change.completeExceptionally(new RtmException(FpnnErrorCode.CORE_INVALID_CONNECTION,
                    "not connected to the RTM gateway within " + wait.toMillis() + " ms" + KEPT))) {
                synchronized (lock) {
                    waiting.remove(change);
                }
            }
        }, wait.toNanos(), TimeUnit.NANOSECONDS);
        return change;
    }

    /**
     * Gives a new connection the whole desired state: one {@code setlisten}
     * with the id sets and the flags (also when empty), again if the desired
     * state changed meanwhile. Once the gateway confirmed it, the connection is
     * in step and the changes that waited for it complete.
     *
     * @return completed once the connection is in step
     */
    CompletableFuture<Void> restore(FpnnConnection connection) {
        ListenState snapshot;
        synchronized (lock) {
            snapshot = target();
        }
        return sender.send(connection, "setlisten", fullState(snapshot), null)
                .thenCompose(ok -> inStep(connection, snapshot) ? CompletableFuture.<Void>completedFuture(null)
                        : restore(connection)); // changed while the quest was out: send what is wanted now
    }

    /**
     * Suspends listening, or resumes it: the connection in step is given the
     * new target in one {@code setlisten} (the empty state, or the desired
     * one), and so is every new connection. A connection on which that quest
     * fails is closed, so that the next one starts from the target.
     *
     * @return completed once the gateway confirmed it (at once when nothing changes or no connection is in step)
     */
    CompletableFuture<Void> suspend(boolean suspend) {
        FpnnConnection connection;
        ListenState snapshot;
        CompletableFuture<Payload> answer;
        synchronized (lock) {
            if (suspended == suspend || inStep == null) {
                suspended = suspend;
                return CompletableFuture.completedFuture(null);
            }
            suspended = suspend;
            connection = inStep;
            snapshot = target();
            // under the lock, so that later changes are sent after it and apply on top of it
            answer = sender.send(connection, "setlisten", fullState(snapshot), null);
        }
        return answer.handle((ok, failure) -> {
            if (failure != null) {
                connection.close();
                RtmException error = RtmException.of(failure);
                throw new RtmException(error.code(), "the listen state could not be "
                        + (suspend ? "cleared" : "given again") + " on the connection, which is closed for the next"
                        + " one to start from it: " + error.reason(), error);
            }
            synchronized (lock) {
                if (inStep == connection) {
                    confirmed = snapshot; // quests sent after it were answered after it
                }
            }
            return null;
        });
    }

    /** Marks the connection in step if the gateway now holds the target state, and completes what waited. */
    private boolean inStep(FpnnConnection connection, ListenState applied) {
        List<CompletableFuture<Void>> done;
        synchronized (lock) {
            if (!target().equals(applied)) {
                return false;
            }
            inStep = connection;
            confirmed = applied;
            done = new ArrayList<>(waiting);
            waiting.clear();
        }
        done.forEach(change -> change.complete(null));
        return true;
    }

    /** The connection closed; a later one starts from nothing. */
    void lost(FpnnConnection connection) {
        synchronized (lock) {
            if (inStep == connection) {
                inStep = null;
                confirmed = ListenState.EMPTY;
            }
        }
    }

    /** The {@code setlisten} fields of a whole listen state: the four id sets and the four flags. */
    static Payload fullState(ListenState state) {
        return Payload.builder()
                .put("gids", state.groups())
                .put("rids", state.rooms())
                .put("uids", state.users())
                .put("events", state.events())
                .put("p2p", state.allP2P())
                .put("group", state.allGroups())
                .put("room", state.allRooms())
                .put("ev", state.allEvents())
                .build();
    }

    /** The fields of an {@code addlisten} or {@code removelisten}: only the sets that are not empty. */
    static Payload givenIds(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                            @Nullable Set<String> events) {
        return Payload.builder().putIfNotEmpty("gids", gids).putIfNotEmpty("rids", rids)
                .putIfNotEmpty("uids", uids).putIfNotEmpty("events", events).build();
    }

    /** The fields of the ids form of {@code setlisten}: all four sets, empty ones as empty arrays. */
    static Payload allIds(@Nullable Set<Long> gids, @Nullable Set<Long> rids, @Nullable Set<Long> uids,
                          @Nullable Set<String> events) {
        return Payload.builder().put("gids", orEmpty(gids)).put("rids", orEmpty(rids)).put("uids", orEmpty(uids))
                .put("events", orEmpty(events)).build();
    }

    /** The fields of the flags form of {@code setlisten}: the flags that are given. */
    static Payload givenFlags(ListenFlags flags) {
        Payload.Builder fields = Payload.builder();
        if (flags.allP2P() != null) {
            fields.put("p2p", flags.allP2P());
        }
        if (flags.allGroups() != null) {
            fields.put("group", flags.allGroups());
        }
        if (flags.allRooms() != null) {
            fields.put("room", flags.allRooms());
        }
        if (flags.allEvents() != null) {
            fields.put("ev", flags.allEvents());
        }
        return fields.build();
    }

    private static <T> Set<T> orEmpty(@Nullable Set<T> values) {
        return values == null ? Set.of() : values;
    }
}
