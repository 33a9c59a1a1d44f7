package io.rtm.spring.config;

import java.lang.reflect.Method;
import java.util.List;

/**
 * A listener method cannot be registered or called as declared: its signature, its
 * {@link io.rtm.spring.annotation.RtmListener @RtmListener} attributes or its id. Thrown while the context
 * starts; the message names the method and every problem, {@link #getAction()} how to fix them.
 */
public final class InvalidRtmListenerException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final transient Method method;

    private final List<String> problems;

    private final String action;

    /**
     * Creates the exception.
     *
     * @param method   the listener method
     * @param problems what is wrong with it, one sentence each
     * @param action   how to fix it
     */
    public InvalidRtmListenerException(Method method, List<String> problems, String action) {
        super("Invalid @RtmListener method " + RtmListenerEndpoint.describe(method) + ": "
                + String.join("; ", problems));
        this.method = method;
        this.problems = List.copyOf(problems);
        this.action = action;
    }

    /** The listener method. */
    public Method getMethod() {
        return this.method;
    }

    /** What is wrong with it. */
    public List<String> getProblems() {
        return this.problems;
    }

    /** How to fix it. */
    public String getAction() {
        return this.action;
    }
}
