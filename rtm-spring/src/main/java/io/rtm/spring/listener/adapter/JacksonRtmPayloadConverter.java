package io.rtm.spring.listener.adapter;

import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.MethodParameter;

/** {@link RtmPayloadConverter} with Jackson's {@link JsonMapper}. */
public final class JacksonRtmPayloadConverter implements RtmPayloadConverter {

    private final JsonMapper mapper;

    /** @param mapper reads the JSON content */
    public JacksonRtmPayloadConverter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Object fromJson(String json, MethodParameter parameter) {
        return this.mapper.readValue(json, type(parameter));
    }

    @Override
    public Object fromJson(byte[] json, MethodParameter parameter) {
        return this.mapper.readValue(json, type(parameter));
    }

    private JavaType type(MethodParameter parameter) {
        return this.mapper.constructType(parameter.getGenericParameterType());
    }
}
