package io.rtm.spring.listener.adapter;

import java.nio.charset.StandardCharsets;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Passes the content of a push to a {@code String} or {@code byte[]} parameter:
 * a message's text or binary content, an event's data.
 */
final class ContentArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == String.class || type == byte[].class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        boolean text = parameter.getParameterType() == String.class;
        Object push = message.getPayload();
        if (push instanceof RtmEvent event) {
            return text ? event.data() : event.data().getBytes(StandardCharsets.UTF_8);
        }
        RtmMessage rtmMessage = (RtmMessage) push;
        if (!text) {
            return rtmMessage.contentBytes();
        }
        if (rtmMessage.isBinary()) {
            // binary content is not text; guessing an encoding would hide the mistake
            throw new MessageConversionException(message, "binary content of " + rtmMessage
                    + " cannot be passed as a String; declare a byte[] or RtmMessage parameter");
        }
        return rtmMessage.text();
    }
}
