package io.rtm.spring.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.ListenState;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Holds the listener endpoints, keyed by id and rejecting a second endpoint with an id already taken, each
 * with its {@link RtmListenerContainer} to start and stop it alone. As a {@link SmartLifecycle} it opens the
 * listeners to pushes when it starts, before the connection starts, and closes them when it stops, after the
 * connection has drained.
 */
public final class RtmListenerEndpointRegistry implements SmartLifecycle {

    /** Starts before the connection ({@code RtmConnectionLifecycle.PHASE}) and stops after it. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 200;

    /** Sorted by id: methods that match the same push are called in that order, whatever the reflection order. */
    private final Map<String, RtmListenerContainer> containers = new TreeMap<>();

    private volatile List<RtmListenerContainer> snapshot = List.of();

    private final List<StateListener> stateListeners = new CopyOnWriteArrayList<>();

    private volatile boolean running;

    /**
     * Adds an endpoint.
     *
     * @throws InvalidRtmListenerException naming both methods when another endpoint has the same id
     */
    public synchronized void registerEndpoint(RtmListenerEndpoint endpoint) {
        RtmListenerContainer registered = this.containers.get(endpoint.id());
        if (registered != null) {
            throw new InvalidRtmListenerException(endpoint.method(), List.of("it cannot be registered as '"
                    + endpoint.id() + "': that id is already registered for "
                    + RtmListenerEndpoint.describe(registered.getEndpoint().method())),
                    "Give every listener endpoint its own id, and put @RtmListener methods on singleton beans only.");
        }
        this.containers.put(endpoint.id(), new RtmListenerContainer(endpoint, this));
        this.snapshot = List.copyOf(this.containers.values());
    }

    /** The endpoints, in the order of their ids. */
    public List<RtmListenerEndpoint> getEndpoints() {
        return this.snapshot.stream().map(RtmListenerContainer::getEndpoint).toList();
    }

    /** The containers of the endpoints, in the order of their ids. */
    public List<RtmListenerContainer> getListenerContainers() {
        return this.snapshot;
    }

    /** The container of the endpoint with that id, or {@code null} when there is none. */
    public synchronized @Nullable RtmListenerContainer getListenerContainer(String id) {
        return this.containers.get(id);
    }

    /** The ids of the endpoints. */
    public synchronized Set<String> getListenerIds() {
        return Set.copyOf(this.containers.keySet());
    }

    /** The ids and event names the running endpoints are limited to, as a listen state without flags. */
    public ListenState getDeclaredListens() {
        ListenState state = ListenState.EMPTY;
        for (RtmListenerContainer container : this.snapshot) {
            if (container.isRunning()) {
                RtmListenerEndpoint endpoint = container.getEndpoint();
                state = state.plus(endpoint.groups(), endpoint.rooms(), endpoint.users(), endpoint.events());
            }
        }
        return state;
    }

    /** Hears of every container started or stopped through {@link RtmListenerContainer}, after the change. */
    public void addStateListener(StateListener listener) {
        this.stateListeners.add(listener);
    }

    /** Changes a container's state, and tells the state listeners when it changed. */
    synchronized void changeState(RtmListenerContainer container, boolean running) {
        if (container.isRunning() == running) {
            return;
        }
        container.setRunning(running);
        for (StateListener listener : this.stateListeners) {
            if (running) {
                listener.listenerStarted(container.getEndpoint());
            } else {
                listener.listenerStopped(container.getEndpoint());
            }
        }
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

    /** Hears of listeners started and stopped one by one; the registry's own start and stop are not told. */
    public interface StateListener {

        /** The endpoint's container was started: it receives pushes again. */
        void listenerStarted(RtmListenerEndpoint endpoint);

        /** The endpoint's container was stopped: it receives nothing. */
        void listenerStopped(RtmListenerEndpoint endpoint);
    }
}
