package io.rtm.spring.listener.adapter;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/** Passes the push itself to an {@link RtmMessage} or {@link RtmEvent} parameter. */
final class PushArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == RtmMessage.class || type == RtmEvent.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        Object push = message.getPayload();
        if (!parameter.getParameterType().isInstance(push)) {
            throw new IllegalStateException("a " + parameter.getParameterType().getSimpleName()
                    + " parameter cannot receive " + push);
        }
        return push;
    }
}
