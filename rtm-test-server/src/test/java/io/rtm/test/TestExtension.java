package io.rtm.test;

import io.rtm.fpnn.Payload;

import java.util.List;
import java.util.Set;

/**
 * A tiny extension for the tests of the extension point, also listed in this
 * module's test {@code META-INF/services}: {@code test.echo} answers at once,
 * {@code test.later} once its connection is writable, {@code test.push}
 * pushes to the listeners of a group or an event.
 */
public final class TestExtension implements GatewayExtension {

    static final String ECHO = "test.echo";
    static final String LATER = "test.later";
    static final String PUSH = "test.push";

    /** The last quest served, so that tests can look at it and its connection. */
    volatile GatewayQuest lastQuest;

    /** For {@link java.util.ServiceLoader}. */
    public TestExtension() {
    }

    @Override
    public Set<String> methods() {
        return Set.of(ECHO, LATER, PUSH);
    }

    @Override
    public Payload serve(GatewayQuest quest) {
        lastQuest = quest;
        return switch (quest.method()) {
            case ECHO -> Payload.builder().put("text", quest.payload().getString("text")).build();
            case LATER -> later(quest);
            case PUSH -> Payload.builder().put("pushed", push(quest)).build();
            default -> throw new IllegalStateException("not one of " + methods() + ": " + quest.method());
        };
    }

    private static Payload later(GatewayQuest quest) {
        int code = quest.payload().getInt("code", 0);
        // the connection is writable, so this runs after serve has returned, unanswered
        quest.connection().whenWritable(() -> {
            if (code == 0) {
                quest.answer(Payload.builder().put("later", true).build());
            } else {
                quest.answerError(code, "asked for " + code);
            }
        });
        return null;
    }

    private static int push(GatewayQuest quest) {
        Payload fields = quest.payload();
        List<GatewayPushTarget> targets;
        String method;
        Payload push;
        if (fields.get("event") != null) {
            String event = fields.getString("event");
            targets = quest.eventListeners(event);
            method = "pushevent";
            push = Payload.builder().put("pid", quest.server().projectId()).put("event", event).put("uid", 1L)
                    .put("time", 0L).put("endpoint", "").build();
        } else {
            long gid = fields.getLong("gid");
            targets = quest.listeners(GatewayMessageKind.GROUP, gid);
            method = GatewayMessageKind.GROUP.pushMethod();
            push = Payload.builder().put("from", 1L).put(GatewayMessageKind.GROUP.idKey(), gid).put("mid", 1L)
                    .put("mtype", 30).put("msg", "pushed").put("attrs", "").put("mtime", 0L).build();
        }
        for (GatewayPushTarget target : targets) {
            target.push(method, push);
        }
        return targets.size();
    }
}
