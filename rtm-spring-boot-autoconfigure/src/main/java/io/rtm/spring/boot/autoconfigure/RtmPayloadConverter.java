package io.rtm.spring.boot.autoconfigure;

import org.springframework.core.MethodParameter;

/**
 * Converts the JSON content of a push to the type of an {@link RtmListener}
 * method parameter. Present only when a JSON library is.
 */
interface RtmPayloadConverter {

    /** The JSON text converted to the parameter's (generic) type. */
    Object fromJson(String json, MethodParameter parameter);

    /** The JSON bytes converted to the parameter's (generic) type. */
    Object fromJson(byte[] json, MethodParameter parameter);
}
