package io.rtm.spring.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.rtm.client.ListenState;

import org.springframework.context.SmartLifecycle;

/**
 * Holds the listener endpoints, keyed by id and rejecting a second endpoint with an id already taken.
 * As a {@link SmartLifecycle} it opens the listeners to pushes when it starts, before the connection
 * starts, and closes them when it stops, after the connection has drained.
 */
public final class RtmListenerEndpointRegistry implements SmartLifecycle {

    /** Starts before the connection ({@code RtmConnectionLifecycle.PHASE}) and stops after it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 200;

    /** Sorted by id: methods that match the same push are called in that order, whatever the reflection order. */
    private final Map<String, RtmListenerEndpoint> endpoints = new TreeMap<>();

    private volatile List<RtmListenerEndpoint> snapshot = List.of();

    private volatile boolean running;

    /**
     * Adds an endpoint.
     *
     * @throws InvalidRtmListenerException naming both methods when another endpoint has the same id
     */
    public synchronized void registerEndpoint(RtmListenerEndpoint endpoint) {
        RtmListenerEndpoint registered = this.endpoints.get(endpoint.id());
        if (registered != null) {
            throw new InvalidRtmListenerException(endpoint.method(), List.of("it cannot be registered as '"
                    + endpoint.id() + "': that id is already registered for "
                    + RtmListenerEndpoint.describe(registered.method())),
                    "Give every listener endpoint its own id, and put @RtmListener methods on singleton beans only.");
        }
        this.endpoints.put(endpoint.id(), endpoint);
        this.snapshot = List.copyOf(this.endpoints.values());
    }

    /** The endpoints, in the order of their ids. */
    public List<RtmListenerEndpoint> getEndpoints() {
        return this.snapshot;
    }

    /** The ids of the endpoints. */
    public synchronized Set<String> getListenerIds() {
        return Set.copyOf(this.endpoints.keySet());
    }

    /** The ids and event names the endpoints are limited to, as a listen state without flags. */
    public ListenState getDeclaredListens() {
        ListenState state = ListenState.EMPTY;
        for (RtmListenerEndpoint endpoint : this.snapshot) {
            state = state.plus(endpoint.groups(), endpoint.rooms(), endpoint.users(), endpoint.events());
        }
        return state;
    }

    /** Opens the listeners to pushes. */
    @Override
    public void start() {
        this.running = true;
    }

    /** Closes the listeners to pushes; pushes still arriving reach monitor beans only. */
    @Override
    public void stop() {
        this.running = false;
    }

    /** Whether the listeners are open to pushes. */
    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
