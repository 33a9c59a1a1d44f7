package io.rtm.spring.listener.adapter;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolverComposite;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * A listener method invocable in two steps, for the interceptors that look at what it was called with:
 * {@link #resolveArguments} from the message whose payload is the push, then {@link #invokeWith}.
 * {@link #invoke(Message, Object...)} still does both at once.
 */
public final class RtmInvocableHandlerMethod extends InvocableHandlerMethod {

    RtmInvocableHandlerMethod(Object bean, Method method, HandlerMethodArgumentResolverComposite resolvers) {
        super(bean, method);
        setMessageMethodArgumentResolvers(resolvers);
    }

    /**
     * The arguments the method takes for the message.
     *
     * @throws Exception when one cannot be resolved, such as JSON content that does not convert
     */
    public @Nullable Object[] resolveArguments(Message<?> message) throws Exception {
        return getMethodArgumentValues(message);
    }

    /**
     * Calls the method with arguments from {@link #resolveArguments}.
     *
     * @return what the method returned; {@code null} for {@code void}
     * @throws Exception what the method threw
     */
    public @Nullable Object invokeWith(@Nullable Object[] arguments) throws Exception {
        return doInvoke(arguments);
    }
}
