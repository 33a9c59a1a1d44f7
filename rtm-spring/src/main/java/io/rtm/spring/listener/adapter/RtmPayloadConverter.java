package io.rtm.spring.listener.adapter;

import org.springframework.core.MethodParameter;

/**
 * Converts the JSON content of a push to the type of a listener method parameter. Without one, such
 * parameters stop startup; {@link JacksonRtmPayloadConverter} is the one used when Jackson is present and
 * the application defines none.
 */
public interface RtmPayloadConverter {

    /** The JSON text converted to the parameter's (generic) type. */
    Object fromJson(String json, MethodParameter parameter);

    /** The JSON bytes converted to the parameter's (generic) type. */
    Object fromJson(byte[] json, MethodParameter parameter);
}
