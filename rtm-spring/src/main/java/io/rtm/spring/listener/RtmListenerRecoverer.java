package io.rtm.spring.listener;

import java.lang.reflect.Method;

/**
 * Decides what becomes of a push whose listener failed for good: once the attempts
 * ({@code rtm.listener.retry.*}) are exhausted, or at once without retries. Write it to a dead-letter store,
 * alert, or log it, as the default {@link LoggingRtmListenerRecoverer} does. Once this returns (or throws, which
 * is logged) the push counts as handled: with {@code AckMode.AFTER_HANDLING} it is answered then. For a push
 * that came through the Kafka relay, the relay's error handling (spring-kafka's {@code DefaultErrorHandler},
 * {@code rtm.listener.retry.*}) calls it on the Kafka consumer thread once the attempts are exhausted, unless
 * {@code rtm.relay.kafka.dead-letter-topic} is set.
 */
@FunctionalInterface
public interface RtmListenerRecoverer {

    /**
     * Recovers one push, on the thread that made the calls: the dispatch thread, or for a relayed push the
     * Kafka consumer thread.
     *
     * @param exception what the last attempt threw (the method, or the conversion of its arguments)
     * @param push      the {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent}
     * @param method    the listener method
     */
    void recover(Exception exception, Object push, Method method);
}
