package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.rtm.client.ListenState;
import io.rtm.client.RtmPushType;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Holds the {@link RtmListener} endpoints, keyed by id ({@code beanName.method(params)}),
 * rejecting duplicates. As a {@link SmartLifecycle} it opens the endpoints to
 * pushes when it starts, before the connection does, and closes them after the
 * connection has drained.
 */
public final class RtmListenerEndpointRegistry implements SmartLifecycle {

    /** Starts before the connection ({@link RtmConnectionLifecycle#PHASE}) and stops after it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 200;

    private final ListenerMethods methods;

    /** Sorted by id: methods that match the same push are called in that order, whatever the reflection order. */
    private final Map<String, RtmListenerEndpoint> endpoints = new java.util.TreeMap<>();

    private volatile List<RtmListenerEndpoint> snapshot = List.of();

    private volatile boolean running;

    RtmListenerEndpointRegistry(@Nullable RtmPayloadConverter converter) {
        this.methods = new ListenerMethods(converter);
    }

    /** Checks and registers one listener method of a bean. */
    synchronized void register(String id, Object bean, Method method, Set<RtmPushType> types, Set<Long> groups,
            Set<Long> rooms, Set<Long> users, Set<String> events) {
        if (this.endpoints.containsKey(id)) {
            throw new IllegalStateException("@RtmListener method " + ListenerMethods.describe(method)
                    + " is already registered as '" + id + "'; @RtmListener methods must be on singleton beans");
        }
        this.endpoints.put(id, this.methods.create(id, bean, method, types, groups, rooms, users, events));
        this.snapshot = List.copyOf(this.endpoints.values());
    }

    /** The endpoints, in the order of their ids ({@code beanName.method(ParameterTypes)}). */
    List<RtmListenerEndpoint> endpoints() {
        return this.snapshot;
    }

    /** The ids of the registered listener methods. */
    public Set<String> getListenerIds() {
        synchronized (this) {
            return Set.copyOf(this.endpoints.keySet());
        }
    }

    /** The ids and event names named on listener methods, as a listen state without flags. */
    public ListenState getDeclaredListens() {
        ListenState state = ListenState.EMPTY;
        for (RtmListenerEndpoint endpoint : this.snapshot) {
            state = state.plus(endpoint.groups(), endpoint.rooms(), endpoint.users(), endpoint.events());
        }
        return state;
    }

    @Override
    public void start() {
        this.running = true;
    }

    @Override
    public void stop() {
        this.running = false;
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
