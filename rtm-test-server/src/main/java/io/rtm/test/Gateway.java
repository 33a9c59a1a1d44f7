package io.rtm.test;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The gateway's shared state, independent of the sockets: the open sessions,
 * push routing (protocol section 8.3) with its counters and optional re-send,
 * and the log of received quests. Thread-safe: sessions live on several event
 * loops and tests call in from their own threads.
 */
final class Gateway {

    private static final Logger log = LoggerFactory.getLogger(Gateway.class);

    /** How long a push waits for its answer when re-sending is off. */
    static final Duration PUSH_ANSWER_TIMEOUT = Duration.ofSeconds(10);
    /** Re-sends of one push at most, so a client that never answers costs a bounded amount. */
    static final int MAX_RESENDS = 3;
    /** Received quests kept for {@link RtmTestServer#receivedQuests()}; the oldest go first. */
    static final int QUEST_LOG_CAPACITY = 10_000;

    private final GatewaySettings settings;
    private final RtmTestServer server;
    private final Map<Long, GatewaySession> sessions = new ConcurrentSkipListMap<>();
    private final AtomicLong nextSessionId = new AtomicLong();
    private final AtomicLong pushesSent = new AtomicLong();
    private final AtomicLong pushesAnswered = new AtomicLong();
    private final AtomicLong pushErrorAnswers = new AtomicLong();
    private final AtomicLong pushesResent = new AtomicLong();
    private final AtomicLong questsReceived = new AtomicLong();
    private final Deque<ReceivedQuest> questLog = new ArrayDeque<>();
    private volatile boolean paused;

    Gateway(GatewaySettings settings, RtmTestServer server) {
        this.settings = settings;
        this.server = server;
    }

    GatewaySettings settings() {
        return settings;
    }

    /** The server these sockets belong to, for extensions. */
    RtmTestServer server() {
        return server;
    }

    GatewaySession newSession() {
        return new GatewaySession(nextSessionId.incrementAndGet(), this);
    }

    void register(GatewaySession session) {
        sessions.put(session.id(), session);
        log.info("RTM gateway: connection {} opened", session);
    }

    void unregister(GatewaySession session) {
        if (sessions.remove(session.id()) != null) {
            log.info("RTM gateway: connection {} closed", session);
        }
    }

    List<GatewaySession> sessions() {
        return new ArrayList<>(sessions.values());
    }

    // ---- received quests -----------------------------------------------------

    void record(long sessionId, String method, Payload payload) {
        questsReceived.incrementAndGet();
        synchronized (questLog) {
            if (questLog.size() == QUEST_LOG_CAPACITY) {
                questLog.removeFirst();
            }
            questLog.addLast(new ReceivedQuest(sessionId, method, payload));
        }
    }

    List<ReceivedQuest> receivedQuests() {
        synchronized (questLog) {
            return List.copyOf(questLog);
        }
    }

    void clearReceivedQuests() {
        synchronized (questLog) {
            questLog.clear();
        }
    }

    boolean isPaused() {
        return paused;
    }

    void pause(boolean paused) {
        this.paused = paused;
    }

    // ---- routing (section 8.3) -----------------------------------------------

    int pushMessage(GatewayMessageKind kind, long from, long id, long mid, int mtype, Object msg, String attrs,
                    long mtime) {
        Payload push = Pushes.message(from, kind.idKey(), id, mid, mtype, msg, attrs, mtime);
        return route(listeners(kind, id), kind.pushMethod(), push);
    }

    int pushEvent(String event, long uid, long timeSeconds, String endpoint, String data) {
        Payload push = Pushes.event(settings.projectId(), event, uid, timeSeconds, endpoint, data);
        return route(eventListeners(event), Pushes.EVENT, push);
    }

    /** The open sessions a message push of that kind to that id goes to. */
    List<GatewaySession> listeners(GatewayMessageKind kind, long id) {
        return switch (kind) {
            case P2P -> listeners(session -> session.listen().acceptsP2P(id));
            case GROUP -> listeners(session -> session.listen().acceptsGroup(id));
            case ROOM -> listeners(session -> session.listen().acceptsRoom(id));
        };
    }

    /** The open sessions a push of that event goes to. */
    List<GatewaySession> eventListeners(String event) {
        return listeners(session -> session.listen().acceptsEvent(event));
    }

    private List<GatewaySession> listeners(Predicate<GatewaySession> listens) {
        List<GatewaySession> listeners = new ArrayList<>();
        for (GatewaySession session : sessions.values()) {
            if (session.isActive() && listens.test(session)) {
                listeners.add(session);
            }
        }
        return listeners;
    }

    private int route(List<GatewaySession> targets, String method, Payload push) {
        for (GatewaySession session : targets) {
            sendPush(session, method, push);
        }
        return targets.size();
    }

    /** Sends one push, counts it and its answer, and re-sends it unanswered when configured. */
    void sendPush(GatewaySession session, String method, Payload push) {
        sendPush(session, method, push, MAX_RESENDS);
    }

    private void sendPush(GatewaySession session, String method, Payload push, int resendsLeft) {
        Duration resendAfter = settings.resendAfter();
        pushesSent.incrementAndGet();
        session.connection()
                .sendQuest(method, push, resendAfter != null ? resendAfter : PUSH_ANSWER_TIMEOUT)
                .whenComplete((answer, failure) -> {
                    if (failure == null) {
                        pushesAnswered.incrementAndGet();
                        return;
                    }
                    int code = cause(failure) instanceof FpnnException e ? e.code() : FpnnErrorCode.CORE_UNKNOWN_ERROR;
                    if (code == FpnnErrorCode.CORE_TIMEOUT) {
                        if (resendAfter != null && resendsLeft > 0 && session.isActive()) {
                            pushesResent.incrementAndGet();
                            log.debug("RTM gateway: re-sending unanswered {} to connection {}", method, session);
                            sendPush(session, method, push, resendsLeft - 1);
                        }
                    } else if (code != FpnnErrorCode.CORE_CONNECTION_CLOSED
                            && code != FpnnErrorCode.CORE_INVALID_CONNECTION) {
                        pushErrorAnswers.incrementAndGet();
                        log.debug("RTM gateway: connection {} answered {} with an error: {}", session, method,
                                failure.getMessage());
                    }
                });
    }

    /** Sends a quest to every connection, uncounted, and collects the answers. */
    List<CompletableFuture<Payload>> questAll(String method, Payload payload) {
        List<CompletableFuture<Payload>> answers = new ArrayList<>();
        for (GatewaySession session : sessions.values()) {
            // a connection that may still send *key gets nothing, or its handshake would see plain bytes
            if (!settings.encrypts() || session.isSettled()) {
                answers.add(session.connection().sendQuest(method, payload, PUSH_ANSWER_TIMEOUT));
            }
        }
        return answers;
    }

    long pushesSent() {
        return pushesSent.get();
    }

    long pushesAnswered() {
        return pushesAnswered.get();
    }

    long pushErrorAnswers() {
        return pushErrorAnswers.get();
    }

    long pushesResent() {
        return pushesResent.get();
    }

    long questsReceived() {
        return questsReceived.get();
    }

    /** Unwraps what a {@link CompletableFuture} stage wraps around a failure. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
