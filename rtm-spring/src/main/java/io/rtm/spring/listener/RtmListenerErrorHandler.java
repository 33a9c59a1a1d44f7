package io.rtm.spring.listener;

import java.lang.reflect.Method;

/**
 * Handles an exception thrown by a listener method, or by the conversion of its arguments, on the dispatch
 * thread of the push: it may call the listener again, and it decides what becomes of the push. Whatever happens
 * here affects no other listener and not the connection; the push counts as handled when it returns. The
 * default, {@link DefaultRtmListenerErrorHandler}, retries with back-off as configured and then hands the push
 * to the {@link RtmListenerRecoverer}. Pushes that come through an {@link RtmPushRelay}
 * ({@link RtmPushDispatcher#dispatchRelayed}) do not reach this bean: the relay's own error handling decides
 * (for the Kafka relay, spring-kafka's {@code DefaultErrorHandler} with the back-off of
 * {@code rtm.listener.retry.*}).
 */
@FunctionalInterface
public interface RtmListenerErrorHandler {

    /**
     * Handles one failure, with no way to call the listener again.
     *
     * @param exception what the method (or the argument conversion) threw
     * @param push      the {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent} being handled
     * @param method    the listener method
     */
    void handleError(Exception exception, Object push, Method method);

    /**
     * Handles one failure; {@code again} calls the listener once more with the same push, through the
     * interceptors, and throws what it throws. What the dispatcher calls; by default, without retrying.
     */
    default void handleError(Exception exception, Object push, Method method, Attempt again) {
        handleError(exception, push, method);
    }

    /** One more call of the listener with the same push. */
    @FunctionalInterface
    interface Attempt {

        /**
         * Calls the listener.
         *
         * @throws Exception what the method, an interceptor or the argument conversion threw
         */
        void run() throws Exception;
    }
}
