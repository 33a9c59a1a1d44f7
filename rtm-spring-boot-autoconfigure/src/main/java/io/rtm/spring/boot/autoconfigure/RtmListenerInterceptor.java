package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;

/**
 * Wraps every call of an {@link RtmListener} method, on the dispatch thread
 * that makes it: the place for timing, observations and tracing. Interceptor
 * beans are applied in {@link org.springframework.core.annotation.Order order},
 * the first one outermost. An exception the method throws reaches the
 * interceptors before the {@link RtmListenerErrorHandler}.
 */
@FunctionalInterface
public interface RtmListenerInterceptor {

    /**
     * Handles one call: must call {@link Invocation#proceed()} once and let its
     * exception through.
     */
    void intercept(Invocation invocation) throws Exception;

    /** One call of a listener method with one push. */
    interface Invocation {

        /** The listener's id: {@code beanName.method(ParameterTypes)}. */
        String listenerId();

        /** The listener method. */
        Method method();

        /** The {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent} being handled. */
        Object push();

        /** Calls the next interceptor, or the method itself. */
        void proceed() throws Exception;
    }
}
