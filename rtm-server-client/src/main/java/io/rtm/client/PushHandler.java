package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.FpnnQuestHandler;
import io.rtm.fpnn.Payload;
import io.rtm.fpnn.PayloadFields;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the gateway's quests on the event loop: decodes each push, drops
 * duplicates and hands the rest to the dispatcher, answering each as its
 * {@link AckMode} says: at once, or once handled (the dispatcher answers). A
 * duplicate is answered like its original, never before it. A push with
 * missing or wrong-typed fields is answered with an error and dispatched
 * nowhere; the connection stays up.
 */
final class PushHandler implements FpnnQuestHandler {

    private static final Logger log = LoggerFactory.getLogger(PushHandler.class);

    private final PushDeduplicator messages;
    private final EventDeduplicator events;
    private final PushDispatcher dispatcher;
    private final boolean answerOnReceipt;
    private final RtmClientObserver observer;
    private final Runnable onPing;

    PushHandler(int dedupCapacity, PushDispatcher dispatcher, AckMode ackMode, RtmClientObserver observer,
                Runnable onPing) {
        this.messages = new PushDeduplicator(dedupCapacity);
        this.events = new EventDeduplicator(dedupCapacity);
        this.dispatcher = dispatcher;
        this.answerOnReceipt = ackMode == AckMode.ON_RECEIPT;
        this.observer = observer;
        this.onPing = onPing;
    }

    @Override
    public @Nullable Payload handle(FpnnQuest quest) {
        String method = quest.method();
        try {
            return switch (method) {
                case "pushmsg", "pushgroupmsg", "pushroommsg" -> onMessage((RtmMessage) quest.body(), quest);
                case "pushevent" -> onEvent(PushDecoder.event(quest.payload()), quest);
                case "ping" -> {
                    dispatcher.dispatchControl(onPing);
                    yield Payload.EMPTY;
                }
                default -> throw new FpnnException(FpnnErrorCode.CORE_UNKNOWN_METHOD,
                        "unknown method '" + method + "'");
            };
        } catch (FpnnException e) {
            if (e.code() != FpnnErrorCode.CORE_UNKNOWN_METHOD) {
                observer.malformedPush(method);
                log.warn("Malformed push '{}' answered with error {}: {}", method, e.code(), e.reason());
            }
            throw e;
        }
    }

    /** Message pushes are read from the frame straight into {@link RtmMessage}s. */
    @Override
    public PayloadFields.@Nullable Reader<?> fieldReader(String method) {
        return switch (method) {
            case "pushmsg" -> PushDecoder.reader(MessageSource.P2P);
            case "pushgroupmsg" -> PushDecoder.reader(MessageSource.GROUP);
            case "pushroommsg" -> PushDecoder.reader(MessageSource.ROOM);
            default -> null;
        };
    }

    /** Forgets one push seen (an {@code RtmMessage} or {@code RtmEvent}): its handling failed. Any thread. */
    void forget(Object push) {
        if (push instanceof RtmMessage message) {
            messages.forget(message.source(), message.fromUid(), message.toId(), message.messageId());
        } else if (push instanceof RtmEvent event) {
            events.forget(event);
        }
    }

    /** Forgets the pushes seen: those not handled before a stop come again, and must be handled then. */
    void forgetSeen() {
        messages.clear();
        events.clear();
    }

    private @Nullable Payload onMessage(RtmMessage message, FpnnQuest quest) {
        if (messages.isDuplicate(message.source(), message.fromUid(), message.toId(), message.messageId())) {
            observer.duplicateDropped(message.pushType());
            log.debug("Dropped a duplicate {} from {} to {}, mid {}", message.pushType(), message.fromUid(),
                    message.toId(), message.messageId());
            if (answerOnReceipt) {
                return Payload.EMPTY;
            }
            dispatcher.answerAfter(message, quest);
            return null;
        }
        observer.pushReceived(message.pushType());
        dispatcher.dispatch(message, answerOnReceipt ? null : quest);
        return answerOnReceipt ? Payload.EMPTY : null;
    }

    private @Nullable Payload onEvent(RtmEvent event, FpnnQuest quest) {
        if (events.isDuplicate(event)) {
            observer.duplicateDropped(RtmPushType.EVENT);
            log.debug("Dropped a duplicate event {}", event);
            if (answerOnReceipt) {
                return Payload.EMPTY;
            }
            dispatcher.answerAfter(event, quest);
            return null;
        }
        observer.pushReceived(RtmPushType.EVENT);
        dispatcher.dispatch(event, answerOnReceipt ? null : quest);
        return answerOnReceipt ? Payload.EMPTY : null;
    }
}
