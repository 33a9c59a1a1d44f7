package io.rtm.spring.listener.adapter;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;

/** What a listener parameter receives, by its type. */
enum ParameterKind {

    /** The {@link RtmMessage} itself. */
    MESSAGE,

    /** The {@link RtmEvent} itself. */
    EVENT,

    /** The text, or an event's data. */
    TEXT,

    /** The binary content, or the text in UTF-8. */
    BYTES,

    /** The JSON content converted to the parameter's type. */
    JSON,

    /** Nothing a push can give. */
    UNSUPPORTED;

    static ParameterKind of(Class<?> type) {
        if (type == RtmMessage.class) {
            return MESSAGE;
        }
        if (type == RtmEvent.class) {
            return EVENT;
        }
        if (type == String.class) {
            return TEXT;
        }
        if (type == byte[].class) {
            return BYTES;
        }
        // primitives have no JSON object form worth guessing; other client types are not content
        if (type.isPrimitive() || type.getName().startsWith("io.rtm.client.")
                || type.getName().startsWith("org.springframework.")) {
            return UNSUPPORTED;
        }
        return JSON;
    }
}
