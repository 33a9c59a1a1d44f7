package io.rtm.spring.listener.adapter;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.annotation.SimpleReflectiveProcessor;

/**
 * The runtime hints of an {@link io.rtm.spring.annotation.RtmListener @RtmListener} method, for AOT
 * processing: the method is invoked reflectively, and each parameter the JSON content converts to is bound
 * (its constructors, fields and accessors, as Jackson needs them). Spring applies it to every bean class
 * with such a method, through {@code @Reflective} on the annotation.
 */
public final class RtmListenerReflectiveProcessor extends SimpleReflectiveProcessor {

    private final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

    @Override
    protected void registerMethodHint(ReflectionHints hints, Method method) {
        hints.registerMethod(method, ExecutableMode.INVOKE);
        for (Parameter parameter : method.getParameters()) {
            if (ParameterKind.of(parameter.getType()) == ParameterKind.JSON) {
                this.bindings.registerReflectionHints(hints, parameter.getParameterizedType());
            }
        }
    }
}
