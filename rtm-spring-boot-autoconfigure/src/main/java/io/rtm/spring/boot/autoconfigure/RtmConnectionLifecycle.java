package io.rtm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.rtm.client.ListenFlags;
import io.rtm.client.ListenState;
import io.rtm.client.RtmServerClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Connects the client when the context starts and closes it when the context
 * stops. Once the first connection is up, it adds the declared listen set
 * ({@code rtm.listen.*} and the ids named on listener methods); from then on
 * the client re-applies its confirmed listen state on every new connection
 * itself. When the gateway cannot be reached at startup, the application
 * starts anyway and the set is applied on the first connection.
 */
final class RtmConnectionLifecycle implements SmartLifecycle, ApplicationListener<RtmConnectedEvent> {

    /** After the {@link RtmListenerEndpointRegistry}: listeners are open before pushes can arrive. */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 100;

    private static final Log logger = LogFactory.getLog(RtmConnectionLifecycle.class);

    private final RtmServerClient client;

    private final RtmPushMonitorAdapter adapter;

    private final RtmListenerEndpointRegistry registry;

    private final RtmProperties properties;

    private final AtomicBoolean declaredApplied = new AtomicBoolean();

    /** The attempt to apply the declared set that is under way, so that two triggers send it once. */
    private final AtomicReference<CompletableFuture<Void>> applying = new AtomicReference<>();

    private volatile ListenState declared = ListenState.EMPTY;

    private volatile boolean running;

    RtmConnectionLifecycle(RtmServerClient client, RtmPushMonitorAdapter adapter,
            RtmListenerEndpointRegistry registry, RtmProperties properties) {
        this.client = client;
        this.adapter = adapter;
        this.registry = registry;
        this.properties = properties;
    }

    @Override
    public void start() {
        this.declared = declaredListens();
        if (this.declared.isEmpty()) {
            logger.warn("Nothing to listen to: no rtm.listen.* property and no ids on @RtmListener methods, so no "
                    + "RTM push will arrive until the application calls addListen or setListen on the client");
        }
        this.client.setServerPushMonitor(this.adapter);
        this.running = true;
        CompletableFuture<Void> connected = this.client.connectAsync();
        // applies the declared set whenever the first connection comes, also after startup gave up waiting
        CompletableFuture<Void> applied = connected.thenComposeAsync((ignored) -> applyDeclared());
        Duration connectTimeout = this.properties.getConnectTimeout();
        try {
            connected.get(connectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException ex) {
            logger.warn("Not connected to the RTM gateway " + this.client.endpoint() + " within " + connectTimeout
                    + "; starting anyway and still trying; listens are applied once connected");
            return;
        } catch (ExecutionException ex) {
            logger.warn("Not connected to the RTM gateway " + this.client.endpoint() + ": "
                    + ex.getCause().getMessage());
            return;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        // connected: wait for the listen set too, so that pushes flow once the context has started
        applied.exceptionally((failure) -> null).orTimeout(this.properties.getQuestTimeout().toMillis() * 2,
                TimeUnit.MILLISECONDS).exceptionally((timeout) -> null).join();
    }

    /** A later connection applies the declared set if an earlier attempt to apply it failed. */
    @Override
    public void onApplicationEvent(RtmConnectedEvent event) {
        if (this.running && !this.declaredApplied.get()) {
            applyDeclared();
        }
    }

    /**
     * Whether the declared listen set has been confirmed by the gateway; also
     * when nothing is declared. The client re-applies it on every later
     * connection before it counts as connected.
     */
    boolean isDeclaredListenSetApplied() {
        return this.declaredApplied.get() || this.declared.isEmpty();
    }

    private ListenState declaredListens() {
        RtmProperties.Listen listen = this.properties.getListen();
        return this.registry.getDeclaredListens()
            .plus(listen.getGroups(), listen.getRooms(), listen.getUsers(), listen.getEvents())
            .withFlags(trueFlags(listen));
    }

    // only flags that are on are sent: a false flag must not undo one set at runtime
    private static ListenFlags trueFlags(RtmProperties.Listen listen) {
        ListenFlags flags = ListenFlags.of();
        if (listen.isAllP2p()) {
            flags = flags.allP2P(true);
        }
        if (listen.isAllGroups()) {
            flags = flags.allGroups(true);
        }
        if (listen.isAllRooms()) {
            flags = flags.allRooms(true);
        }
        if (listen.isAllEvents()) {
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
            }
            else {
                attempt.completeExceptionally(failure);
            }
        });
        return attempt;
    }

    private CompletableFuture<Void> sendDeclared(ListenState state) {
        CompletableFuture<Void> ids = state.hasIds()
                ? this.client.addListenAsync(state.groups(), state.rooms(), state.users(), state.events())
                : CompletableFuture.completedFuture(null);
        return ids.thenCompose((ignored) -> this.client.setListenAsync(trueFlags(this.properties.getListen())))
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
     * Closes the client: it stops reading, lets queued listener calls finish
     * (at most {@code rtm.listener.shutdown-timeout}) and closes the connection.
     * The bean's own destroy call later finds it closed and does nothing.
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
}
