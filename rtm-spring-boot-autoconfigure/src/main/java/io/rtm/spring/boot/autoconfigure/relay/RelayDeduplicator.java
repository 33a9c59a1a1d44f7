package io.rtm.spring.boot.autoconfigure.relay;

import java.util.LinkedHashMap;
import java.util.Map;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;

/**
 * The relayed pushes handled last, at most {@code capacity}: a record that carries one of them again (the
 * gateway pushed it twice and it was relayed twice, or the broker delivered it again) is dropped. Messages are
 * known by push type, sender, target and message id; events by all their fields.
 */
final class RelayDeduplicator {

    private final int capacity;

    private final Map<Object, Boolean> handled;

    RelayDeduplicator(int capacity) {
        this.capacity = capacity;
        this.handled = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Boolean> eldest) {
                return size() > RelayDeduplicator.this.capacity;
            }
        };
    }

    /** Whether the push was handled already. */
    synchronized boolean isHandled(Object push) {
        return this.handled.containsKey(identity(push));
    }

    /** Records the push as handled. */
    synchronized void handled(Object push) {
        if (this.capacity > 0) {
            this.handled.put(identity(push), Boolean.TRUE);
        }
    }

    private static Object identity(Object push) {
        return (push instanceof RtmMessage message)
                ? new MessageIdentity(message.pushType(), message.fromUid(), message.toId(), message.messageId())
                : push;
    }

    private record MessageIdentity(RtmPushType type, long from, long to, long mid) {
    }
}
