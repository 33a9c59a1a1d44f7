package io.rtm.spring.listener;

import java.util.concurrent.CompletableFuture;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmServerClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends what a listener method returned back into the push's conversation, from the listener's
 * {@code replyFrom} user: to the sender of a P2P message, into the group or room of the others. The send does
 * not hold the dispatch thread; a failed one is logged, and the push stays handled.
 */
final class ListenerReply {

    private static final Log logger = LogFactory.getLog(ListenerReply.class);

    private final RtmServerClient client;

    private final long from;

    private final String listenerId;

    ListenerReply(RtmServerClient client, long from, String listenerId) {
        this.client = client;
        this.from = from;
        this.listenerId = listenerId;
    }

    /** Sends the reply the returned value stands for; nothing for {@code null}. */
    void send(RtmMessage push, Object returned) {
        RtmReply reply = RtmReply.of(returned);
        if (reply == null) {
            return;
        }
        int mtype = (reply.messageType() >= 0) ? reply.messageType() : push.messageType();
        sending(push, reply, mtype).whenComplete((mtime, failure) -> {
            if (failure != null) {
                logger.warn("The reply of listener '" + this.listenerId + "' to " + push + " was not sent: "
                        + failure.getMessage());
            }
        });
    }

    private CompletableFuture<Long> sending(RtmMessage push, RtmReply reply, int mtype) {
        String attrs = reply.attrs();
        if (reply.content() instanceof byte[] bytes) {
            return switch (push.source()) {
                case P2P -> this.client.sendMessageAsync(this.from, push.fromUid(), mtype, bytes, attrs);
                case GROUP -> this.client.sendGroupMessageAsync(this.from, push.toId(), mtype, bytes, attrs);
                case ROOM -> this.client.sendRoomMessageAsync(this.from, push.toId(), mtype, bytes, attrs);
            };
        }
        String text = (String) reply.content();
        return switch (push.source()) {
            case P2P -> this.client.sendMessageAsync(this.from, push.fromUid(), mtype, text, attrs);
            case GROUP -> this.client.sendGroupMessageAsync(this.from, push.toId(), mtype, text, attrs);
            case ROOM -> this.client.sendRoomMessageAsync(this.from, push.toId(), mtype, text, attrs);
        };
    }
}
