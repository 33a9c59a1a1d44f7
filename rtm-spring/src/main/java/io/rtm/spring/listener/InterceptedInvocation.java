package io.rtm.spring.listener;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.messaging.Message;

/** One listener call through the interceptors: each {@link #proceed()} goes one interceptor further in. */
final class InterceptedInvocation implements RtmListenerInterceptor.Invocation {

    private final List<RtmListenerInterceptor> interceptors;

    private final ListenerRoute route;

    private final Message<?> push;

    private int next;

    private @Nullable Object @Nullable [] arguments;

    private @Nullable Object result;

    InterceptedInvocation(List<RtmListenerInterceptor> interceptors, ListenerRoute route, Message<?> push) {
        this.interceptors = interceptors;
        this.route = route;
        this.push = push;
    }

    @Override
    public String listenerId() {
        return this.route.id();
    }

    @Override
    public Method method() {
        return this.route.method();
    }

    @Override
    public Object push() {
        return this.push.getPayload();
    }

    @Override
    public @Nullable List<@Nullable Object> arguments() {
        return (this.arguments != null) ? Arrays.asList(this.arguments.clone()) : null;
    }

    @Override
    public @Nullable Object result() {
        return this.result;
    }

    @Override
    public void proceed() throws Exception {
        if (this.next < this.interceptors.size()) {
            this.interceptors.get(this.next++).intercept(this);
        } else {
            this.arguments = this.route.resolveArguments(this.push);
            this.result = this.route.invoke(this.push, this.arguments);
        }
    }
}
