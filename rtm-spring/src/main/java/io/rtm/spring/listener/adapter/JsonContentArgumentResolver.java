package io.rtm.spring.listener.adapter;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.Message;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;

/**
 * Converts the JSON content of a push (a message's content, an event's data) to
 * any other parameter type. Registered last, it takes what no other resolver does.
 */
final class JsonContentArgumentResolver implements HandlerMethodArgumentResolver {

    private final RtmPayloadConverter converter;

    JsonContentArgumentResolver(RtmPayloadConverter converter) {
        this.converter = converter;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return ParameterKind.of(parameter.getParameterType()) == ParameterKind.JSON;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, Message<?> message) {
        Object push = message.getPayload();
        try {
            if (push instanceof RtmEvent event) {
                return this.converter.fromJson(event.data(), parameter);
            }
            RtmMessage rtmMessage = (RtmMessage) push;
            return rtmMessage.isBinary() ? this.converter.fromJson(rtmMessage.contentBytes(), parameter)
                    : this.converter.fromJson(rtmMessage.text(), parameter);
        } catch (RuntimeException ex) {
            throw new MessageConversionException(message, "the content of " + push + " could not be converted to "
                    + parameter.getGenericParameterType().getTypeName() + ": " + ex.getMessage(), ex);
        }
    }
}
