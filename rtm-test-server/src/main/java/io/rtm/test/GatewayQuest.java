package io.rtm.test;

import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.Payload;

import java.util.List;

/**
 * A quest a client sent to a method of a {@link GatewayExtension}, with the
 * means to answer it once and to reach the connections pushes go to.
 */
public final class GatewayQuest {

    private final Gateway gateway;
    private final GatewaySession session;
    private final FpnnQuest quest;
    private final Payload payload;

    GatewayQuest(Gateway gateway, GatewaySession session, FpnnQuest quest, Payload payload) {
        this.gateway = gateway;
        this.session = session;
        this.quest = quest;
        this.payload = payload;
    }

    /** The quest's method, one of the extension's {@link GatewayExtension#methods()}. */
    public String method() {
        return quest.method();
    }

    /** The payload as received, signature fields ({@code pid}, {@code sign}, {@code salt}, {@code ts}) included. */
    public Payload payload() {
        return payload;
    }

    /** Sends the OK answer; ignored once the quest is answered. Any thread. */
    public void answer(Payload answer) {
        quest.answer(answer);
    }

    /** Sends an error answer ({@code {"code", "ex"}}); ignored once the quest is answered. Any thread. */
    public void answerError(int code, String message) {
        quest.answerError(code, message);
    }

    /** The connection the quest arrived on. */
    public GatewayPushTarget connection() {
        return session.pushTarget();
    }

    /** The gateway, for its counters and its test API. */
    public RtmTestServer server() {
        return gateway.server();
    }

    /**
     * The open connections a message push of that kind to that id goes to
     * (section 8.3), the caller included when it listens.
     *
     * @param id the uid ({@link GatewayMessageKind#P2P}), gid or rid
     */
    public List<GatewayPushTarget> listeners(GatewayMessageKind kind, long id) {
        return targets(gateway.listeners(kind, id));
    }

    /** The open connections a {@code pushevent} of that event goes to (section 8.3). */
    public List<GatewayPushTarget> eventListeners(String event) {
        return targets(gateway.eventListeners(event));
    }

    private static List<GatewayPushTarget> targets(List<GatewaySession> sessions) {
        return sessions.stream().map(GatewaySession::pushTarget).toList();
    }

    @Override
    public String toString() {
        return quest + " on connection " + session;
    }
}
