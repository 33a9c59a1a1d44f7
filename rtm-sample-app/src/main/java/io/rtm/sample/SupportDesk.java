package io.rtm.sample;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmFileInfo;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The sample's listeners: one line in the log per push, and a count per
 * listener that the sample's test reads. An order without a quantity is
 * rejected with an exception: the starter calls the listener again as
 * {@code rtm.listener.retry.*} says, then hands the push to the
 * {@link DeadLetterStore}.
 */
@Component
public class SupportDesk {

    private static final Logger log = LoggerFactory.getLogger(SupportDesk.class);

    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    @RtmListener(RtmPushType.GROUP_CHAT)
    void onGroupChat(RtmMessage message) {
        count("group-chat");
        log.info("[group {}] user {} says: {}", message.toId(), message.fromUid(), message.text());
    }

    @RtmListener(value = RtmPushType.P2P_CMD, users = "${sample.support-uid}")
    void onSupportCommand(RtmMessage message) {
        count("support-command");
        log.info("[command] user {} asks support {} to '{}'", message.fromUid(), message.toId(), message.text());
    }

    @RtmListener(RtmPushType.ROOM_FILE)
    void onRoomFile(RtmMessage message) {
        count("room-file");
        String description = message.fileInfo()
                .map(file -> file.fileName() + " (" + RtmFileInfo.kindOf(message.messageType()) + ", " + file.size()
                        + " bytes) at " + file.url())
                .orElse("a file whose description could not be read");
        log.info("[room {}] user {} shared {}", message.toId(), message.fromUid(), description);
    }

    @RtmListener(RtmPushType.ROOM_MESSAGE)
    void onRoomData(RtmMessage message) {
        count("room-data");
        log.info("[room {}] user {} sent {} bytes of {} data (mtype {})", message.toId(), message.fromUid(),
                message.contentBytes().length, message.isBinary() ? "binary" : "text", message.messageType());
    }

    @RtmListener(value = RtmPushType.EVENT, events = {"login", "logout"})
    void onPresence(RtmEvent event) {
        count(event.event());
        log.info("[presence] user {} {} from {}", event.uid(), event.event().equals("login") ? "logged in"
                : "logged out", event.endpoint());
    }

    @RtmListener(value = RtmPushType.GROUP_MESSAGE, groups = "${sample.shop-group}")
    void onOrder(OrderPlaced order) {
        if (order.quantity() <= 0) {
            // thrown, not logged: the retries and the dead letter are the starter's and the recoverer's job
            throw new IllegalArgumentException("order " + order.orderId() + " has quantity " + order.quantity()
                    + ", at least 1 is needed");
        }
        count("order");
        log.info("[shop] order {}: {} x {}", order.orderId(), order.quantity(), order.item());
    }

    private void count(String listener) {
        received.computeIfAbsent(listener, name -> new AtomicInteger()).incrementAndGet();
    }

    /** How many pushes the named listener handled. */
    public int received(String listener) {
        @Nullable AtomicInteger count = received.get(listener);
        return count == null ? 0 : count.get();
    }
}
