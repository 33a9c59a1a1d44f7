package io.rtm.spring.listener;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.rtm.client.ListenFlags;
import io.rtm.client.ListenState;
import io.rtm.client.RtmConnectionListener;
import io.rtm.client.RtmEndpoint;
import io.rtm.client.RtmException;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Connects the client when the context starts and closes it when the context stops. On start it builds the
 * {@link RtmPushDispatcher}'s routes and makes the dispatcher the client's push listener and, behind the
 * declared listen set's trigger, its connection listener; then it connects, waiting at most the client's
 * connect timeout: when the gateway cannot be reached the application starts anyway and the client keeps
 * trying.
 *
 * <p>The declared listen set is what the listener endpoints name plus the given listen states (with Spring
 * Boot, {@code rtm.listen.*}). Once a connection is up it is added to what the client listens to; from then
 * on the client re-applies its confirmed listen state on every new connection itself. An attempt that fails
 * is made again on the next connection.
 */
public final class RtmConnectionLifecycle implements SmartLifecycle {

    /** After the {@link RtmListenerEndpointRegistry}: listeners are open before pushes can arrive. */
    public static final int PHASE = RtmListenerEndpointRegistry.PHASE + 100;

    private static final Log logger = LogFactory.getLog(RtmConnectionLifecycle.class);

    private final RtmServerClient client;

    private final RtmPushDispatcher dispatcher;

    private final RtmListenerEndpointRegistry registry;

    private final List<ListenState> declaredListens;

    private final AtomicBoolean declaredApplied = new AtomicBoolean();

    /** The attempt to apply the declared set that is under way, so that two triggers send it once. */
    private final AtomicReference<CompletableFuture<Void>> applying = new AtomicReference<>();

    private volatile ListenState declared = ListenState.EMPTY;

    private volatile boolean running;

    /**
     * Creates the lifecycle of a client.
     *
     * @param client          the client; this lifecycle closes it
     * @param dispatcher      receives the client's pushes and connection changes
     * @param registry        the listener endpoints, whose ids and event names are listened to
     * @param declaredListens listened to as well: their ids, event names and the flags that are on
     */
    public RtmConnectionLifecycle(RtmServerClient client, RtmPushDispatcher dispatcher,
            RtmListenerEndpointRegistry registry, List<ListenState> declaredListens) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.declaredListens = List.copyOf(declaredListens);
    }

    @Override
    public void start() {
        this.declared = declaredListenSet();
        if (this.declared.isEmpty()) {
            logger.warn("Nothing to listen to: no ids on @RtmListener methods and no declared listen set "
                    + "(rtm.listen.* with Spring Boot), so no RTM push will arrive until the application calls "
                    + "addListen or setListen on the client");
        }
        this.dispatcher.buildRoutes();
        this.client.setPushListener(this.dispatcher);
        this.client.setConnectionListener(new DeclaredListenSetTrigger());
        this.running = true;
        try {
            this.client.connect();
        } catch (RtmException ex) {
            logger.warn("Not connected to the RTM gateway " + this.client.endpoint() + " at startup: "
                    + ex.getMessage() + "; starting anyway, the listen set is applied once connected");
            return;
        }
        // connected: wait for the listen set too, so that pushes flow once the context has started;
        // each listen call ends within the client's quest timeout
        applyDeclared().exceptionally((failure) -> null).join();
    }

    /**
     * Closes the client: it stops reading, lets queued listener calls finish (at most its shutdown timeout)
     * and closes the connection. A destroy call on the client later finds it closed and does nothing.
     */
    @Override
    public void stop() {
        this.running = false;
        this.client.close();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Whether the gateway has confirmed the declared listen set; also when nothing is declared. The client
     * re-applies it on every later connection before that counts as connected.
     */
    public boolean isDeclaredListenSetApplied() {
        return this.declaredApplied.get() || this.declared.isEmpty();
    }

    private ListenState declaredListenSet() {
        ListenState state = this.registry.getDeclaredListens();
        for (ListenState listens : this.declaredListens) {
            state = state.plus(listens.groups(), listens.rooms(), listens.users(), listens.events())
                .withFlags(trueFlags(listens));
        }
        return state;
    }

    // only flags that are on are sent: a false flag must not undo one set at runtime
    private static ListenFlags trueFlags(ListenState state) {
        ListenFlags flags = ListenFlags.of();
        if (state.allP2P()) {
            flags = flags.allP2P(true);
        }
        if (state.allGroups()) {
            flags = flags.allGroups(true);
        }
        if (state.allRooms()) {
            flags = flags.allRooms(true);
        }
        if (state.allEvents()) {
            flags = flags.allEvents(true);
        }
        return flags;
    }

    private CompletableFuture<Void> applyDeclared() {
        ListenState state = this.declared;
        if (this.declaredApplied.get() || state.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Void> attempt = new CompletableFuture<>();
        CompletableFuture<Void> current = this.applying.compareAndExchange(null, attempt);
        if (current != null) {
            return current;
        }
        sendDeclared(state).whenComplete((ignored, failure) -> {
            this.applying.set(null);
            if (failure == null) {
                attempt.complete(null);
            } else {
                attempt.completeExceptionally(failure);
            }
        });
        return attempt;
    }

    private CompletableFuture<Void> sendDeclared(ListenState state) {
        CompletableFuture<Void> ids = state.hasIds()
                ? this.client.addListenAsync(state.groups(), state.rooms(), state.users(), state.events())
                : CompletableFuture.completedFuture(null);
        return ids.thenCompose((ignored) -> this.client.setListenAsync(trueFlags(state)))
            .whenComplete((ignored, failure) -> {
                if (failure == null) {
                    this.declaredApplied.set(true);
                    logger.info("Listening on RTM gateway " + this.client.endpoint() + " to " + describe(state));
                } else {
                    logger.warn("Could not apply the declared RTM listen set; trying again on the next connection: "
                            + failure.getMessage());
                }
            });
    }

    private static String describe(ListenState state) {
        return "groups=" + state.groups() + ", rooms=" + state.rooms() + ", users=" + state.users() + ", events="
                + state.events() + ", allP2p=" + state.allP2P() + ", allGroups=" + state.allGroups()
                + ", allRooms=" + state.allRooms() + ", allEvents=" + state.allEvents();
    }

    /**
     * The dispatcher as the client's connection listener, applying the declared listen set first on a
     * connection while it is not applied: the first one, or a later one after a failed attempt.
     */
    private final class DeclaredListenSetTrigger implements RtmConnectionListener {

        @Override
        public void connected(RtmEndpoint endpoint, boolean reconnect) {
            if (RtmConnectionLifecycle.this.running && !RtmConnectionLifecycle.this.declaredApplied.get()) {
                applyDeclared();
            }
            RtmConnectionLifecycle.this.dispatcher.connected(endpoint, reconnect);
        }

        @Override
        public void connectFailed(RtmEndpoint endpoint, boolean reconnect) {
            RtmConnectionLifecycle.this.dispatcher.connectFailed(endpoint, reconnect);
        }

        @Override
        public void disconnected(RtmEndpoint endpoint, boolean causedByError, boolean willReconnect) {
            RtmConnectionLifecycle.this.dispatcher.disconnected(endpoint, causedByError, willReconnect);
        }

        @Override
        public void pinged() {
            RtmConnectionLifecycle.this.dispatcher.pinged();
        }
    }
}
