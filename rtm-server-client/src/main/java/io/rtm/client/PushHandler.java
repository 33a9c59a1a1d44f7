package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.FpnnQuestHandler;
import io.rtm.fpnn.Payload;
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
                case "pushmsg" -> onMessage(MessageSource.P2P, quest.payload());
                case "pushgroupmsg" -> onMessage(MessageSource.GROUP, quest.payload());
                case "pushroommsg" -> onMessage(MessageSource.ROOM, quest.payload());
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

    private void onMessage(MessageSource source, Payload payload) {
        RtmMessage message = PushDecoder.message(source, payload);
        if (deduplicator.isDuplicate(source, message.fromUid(), message.toId(), message.messageId())) {
            observer.duplicateDropped(message.pushType());
            return;
        }
        observer.pushReceived(message.pushType());
        dispatcher.dispatch(message);
    }
}
