package io.rtm.spring.listener;

import java.util.concurrent.CompletionStage;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;

/**
 * Hands the pushes this instance receives to another system instead of calling the listeners here: a
 * message broker, from which every instance takes its share and calls the same listener methods through
 * {@link RtmPushDispatcher#dispatchRelayed}. With a relay bean in the context, the {@link RtmPushDispatcher}
 * calls neither listeners nor monitor beans for received pushes; it passes each one, after the client's
 * de-duplication, to the relay on the client's dispatch thread.
 *
 * <p>A push counts as handled, and with {@code AckMode.AFTER_HANDLING} is answered to the gateway, when the
 * returned stage completes normally: the relay completes it once the other system holds the push for good.
 * When it completes exceptionally the push stays unanswered, is forgotten by the client's de-duplication, and
 * the gateway may push it again. Until the stage completes the push counts against the client's dispatch
 * queue, so a relay that cannot keep up makes the client stop reading from the gateway.
 */
public interface RtmPushRelay {

    /**
     * Relays a message.
     *
     * @return completes when the message is held by the other system
     */
    CompletionStage<?> relay(RtmMessage message);

    /**
     * Relays an event.
     *
     * @return completes when the event is held by the other system
     */
    CompletionStage<?> relay(RtmEvent event);
}
