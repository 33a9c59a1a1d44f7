package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.FpnnQuestHandler;
import io.rtm.fpnn.Payload;
import io.rtm.fpnn.PayloadFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the gateway's quests on the event loop: decodes each push, answers it
 * at once, drops duplicates and hands the rest to the dispatcher. A push with
 * missing or wrong-typed fields is answered with an error and dispatched
 * nowhere; the connection stays up.
 */
final class PushHandler implements FpnnQuestHandler {

    private static final Logger log = LoggerFactory.getLogger(PushHandler.class);

    private final PushDeduplicator deduplicator;
    private final PushDispatcher dispatcher;
    private final RtmClientObserver observer;
    private final Runnable onPing;

    PushHandler(PushDeduplicator deduplicator, PushDispatcher dispatcher, RtmClientObserver observer, Runnable onPing) {
        this.deduplicator = deduplicator;
        this.dispatcher = dispatcher;
        this.observer = observer;
        this.onPing = onPing;
    }

    @Override
    public Payload handle(FpnnQuest quest) {
        String method = quest.method();
        try {
            switch (method) {
                case "pushmsg", "pushgroupmsg", "pushroommsg" -> onMessage((RtmMessage) quest.body());
                case "pushevent" -> {
                    RtmEvent event = PushDecoder.event(quest.payload());
                    observer.pushReceived(RtmPushType.EVENT);
                    dispatcher.dispatch(event);
                }
                case "ping" -> dispatcher.dispatchControl(onPing);
                default -> throw new FpnnException(FpnnErrorCode.CORE_UNKNOWN_METHOD,
                        "unknown method '" + method + "'");
            }
        } catch (FpnnException e) {
            if (e.code() != FpnnErrorCode.CORE_UNKNOWN_METHOD) {
                observer.malformedPush(method);
                log.warn("Malformed push '{}' answered with error {}: {}", method, e.code(), e.reason());
            }
            throw e;
        }
        return Payload.EMPTY;
    }

    /** Message pushes are read from the frame straight into {@link RtmMessage}s. */
    @Override
    public PayloadFields.Reader<?> fieldReader(String method) {
        return switch (method) {
            case "pushmsg" -> PushDecoder.reader(MessageSource.P2P);
            case "pushgroupmsg" -> PushDecoder.reader(MessageSource.GROUP);
            case "pushroommsg" -> PushDecoder.reader(MessageSource.ROOM);
            default -> null;
        };
    }

    private void onMessage(RtmMessage message) {
        if (deduplicator.isDuplicate(message.source(), message.fromUid(), message.toId(), message.messageId())) {
            observer.duplicateDropped(message.pushType());
            return;
        }
        observer.pushReceived(message.pushType());
        dispatcher.dispatch(message);
    }
}
