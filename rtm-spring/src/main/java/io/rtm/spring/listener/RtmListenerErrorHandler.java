package io.rtm.spring.listener;

import java.lang.reflect.Method;

/**
 * Handles an exception thrown by a listener method, or by the conversion of its arguments. Whatever
 * happens here affects no other listener and not the connection. The default,
 * {@link LoggingRtmListenerErrorHandler}, logs the failure with the push's context.
 */
@FunctionalInterface
public interface RtmListenerErrorHandler {

    /**
     * Handles one failure, on the dispatch thread that made the call.
     *
     * @param exception what the method (or the argument conversion) threw
     * @param push      the {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent} being handled
     * @param method    the listener method
     */
    void handleError(Exception exception, Object push, Method method);
}
