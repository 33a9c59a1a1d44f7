package io.rtm.spring.config;

import org.springframework.context.Lifecycle;

/**
 * The running state of one listener endpoint, got from the registry by the endpoint's id:
 * {@code registry.getListenerContainer("orders").stop()}. A stopped listener receives no push, and the ids
 * and event names that only it needed leave the listen set (those of {@code rtm.listen.*} and of running
 * listeners stay); started again, it receives pushes and its ids are listened to again. Pushes share the
 * client's dispatch threads: a container holds no thread of its own.
 *
 * <p>A container starts with the registry unless its endpoint says otherwise ({@code autoStartup}), and keeps
 * the state it was given through {@link #start()} and {@link #stop()} when the context stops and starts again.
 */
public final class RtmListenerContainer implements Lifecycle {

    private final RtmListenerEndpoint endpoint;

    private final RtmListenerEndpointRegistry registry;

    private volatile boolean running;

    RtmListenerContainer(RtmListenerEndpoint endpoint, RtmListenerEndpointRegistry registry) {
        this.endpoint = endpoint;
        this.registry = registry;
        this.running = endpoint.autoStartup();
    }

    /** The endpoint's id. */
    public String getListenerId() {
        return this.endpoint.id();
    }

    /** The endpoint whose pushes this container lets through. */
    public RtmListenerEndpoint getEndpoint() {
        return this.endpoint;
    }

    /** Whether the endpoint starts receiving with the registry. */
    public boolean isAutoStartup() {
        return this.endpoint.autoStartup();
    }

    /** Lets the endpoint's pushes through, and listens to its ids and event names; nothing when running. */
    @Override
    public void start() {
        this.registry.changeState(this, true);
    }

    /**
     * Stops the endpoint's pushes (a call in progress finishes), and stops listening to the ids and event
     * names that no running listener and no declared listen set needs; nothing when stopped.
     */
    @Override
    public void stop() {
        this.registry.changeState(this, false);
    }

    /** Whether the endpoint receives pushes: read on every push, so a plain volatile read. */
    @Override
    public boolean isRunning() {
        return this.running;
    }

    /** Sets the state; the registry's lock is held. */
    void setRunning(boolean running) {
        this.running = running;
    }

    @Override
    public String toString() {
        return "RtmListenerContainer{" + getListenerId() + (this.running ? ", running}" : ", stopped}");
    }
}
