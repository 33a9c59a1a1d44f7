package io.rtm.spring.listener;

import java.lang.reflect.Method;

import org.springframework.core.annotation.Order;

/**
 * Wraps every call of a listener method, on the dispatch thread that makes it: the place for timing,
 * observations and tracing. Interceptor beans are applied in {@link Order order}, the first one
 * outermost. An exception the method throws reaches the interceptors before the
 * {@link RtmListenerErrorHandler}.
 */
@FunctionalInterface
public interface RtmListenerInterceptor {

    /**
     * Handles one call: must call {@link Invocation#proceed()} once and let its exception through.
     *
     * @param invocation the call
     * @throws Exception what the method, or an inner interceptor, threw
     */
    void intercept(Invocation invocation) throws Exception;

    /** One call of a listener method with one push. */
    interface Invocation {

        /** The listener's id: {@code beanName.method(ParameterTypes)} for an {@code @RtmListener} method. */
        String listenerId();

        /** The listener method. */
        Method method();

        /** The {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent} being handled. */
        Object push();

        /**
         * Calls the next interceptor, or the method itself.
         *
         * @throws Exception what the method, or an inner interceptor, threw
         */
        void proceed() throws Exception;
    }
}
