package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;

/**
 * Handles an exception thrown by an {@link RtmListener} method, or by the
 * conversion of its arguments. Whatever happens here affects no other listener
 * and not the connection. The default logs the failure with the push's context.
 */
@FunctionalInterface
public interface RtmListenerErrorHandler {

    /**
     * @param exception what the method (or the argument conversion) threw
     * @param push      the {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent} being handled
     * @param method    the listener method
     */
    void handleError(Exception exception, Object push, Method method);
}
