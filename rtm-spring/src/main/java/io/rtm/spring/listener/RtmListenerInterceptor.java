package io.rtm.spring.listener;

import java.lang.reflect.Method;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.Order;

/**
 * Wraps every call of a listener method, on the dispatch thread that makes it: the place for timing,
 * observations and tracing. Interceptor beans are applied in {@link Order order}, the first one
 * outermost. An exception the method throws reaches the interceptors before the
 * {@link RtmListenerErrorHandler}. For a push that comes through an {@link RtmPushRelay}
 * ({@link RtmPushDispatcher#dispatchRelayed}) the call is made on the relay's thread (the Kafka relay's
 * consumer thread), and the exception goes on from the interceptors to the relay's own error handling
 * instead of the error-handler bean.
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
         * The arguments the method was called with, once {@link #proceed()} reached it: {@code null} before,
         * and when they could not be resolved (JSON content that does not convert, say).
         */
        @Nullable List<@Nullable Object> arguments();

        /** What the method returned, once {@link #proceed()} returned; {@code null} before and for void. */
        @Nullable Object result();

        /**
         * Calls the next interceptor, or the method itself.
         *
         * @throws Exception what the method, or an inner interceptor, threw
         */
        void proceed() throws Exception;
    }
}
