package io.rtm.spring.listener;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.rtm.client.ListenFlags;
import io.rtm.client.ListenState;
import io.rtm.client.RtmException;
import io.rtm.client.RtmServerClient;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.spring.config.RtmListenerEndpoint;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Connects the client when the context starts and disconnects it when the
 * context stops; a stopped context that starts again (such as a paused test
 * context used again) connects again, with the same listeners and the
 * client's listen set, runtime changes included.
 *
 * <p>On start it indexes the {@link RtmPushDispatcher}'s routes, makes the
 * dispatcher the client's push and connection listener, and hands the client
 * the declared listen set: the ids and events named on listener methods plus
 * the given listen states (with Spring Boot, {@code rtm.listen.*}). The client
 * keeps it in its desired listen state and gives it to every connection
 * before that counts as connected; the lifecycle does nothing else with it.
 * Then it waits for the first connection, at most the
 * {@linkplain RtmStartupOptions#timeout() startup timeout}: credentials the
 * gateway refuses fail the start; an unreachable gateway fails it only when
 * {@link RtmStartupOptions#failIfUnreachable()} says so, and otherwise the
 * context starts and the client keeps trying.
 *
 * <p>A listener container started or stopped on its own changes the client's
 * listen set at once: its ids and event names are added when it starts; when
 * it stops, those that no running listener and no given listen state needs
 * are removed.
 */
public final class RtmConnectionLifecycle implements SmartLifecycle {

    /** After the {@link RtmListenerEndpointRegistry}: listeners are open before pushes can arrive. */
    public static final int PHASE = RtmListenerEndpointRegistry.PHASE + 100;

    private static final Log logger = LogFactory.getLog(RtmConnectionLifecycle.class);

    private final RtmServerClient client;

    private final RtmPushDispatcher dispatcher;

    private final RtmListenerEndpointRegistry registry;

    private final List<ListenState> declaredListens;

    private final RtmStartupOptions startup;

    private volatile boolean running;

    /**
     * Creates the lifecycle of a client.
     *
     * @param client          the client it connects and disconnects
     * @param dispatcher      receives the client's pushes and connection changes
     * @param registry        the listener endpoints, whose ids and event names are listened to
     * @param declaredListens listened to as well: their ids, event names and the flags that are on
     * @param startup         how long the start waits for the gateway, and whether it fails without it
     */
    public RtmConnectionLifecycle(RtmServerClient client, RtmPushDispatcher dispatcher,
            RtmListenerEndpointRegistry registry, List<ListenState> declaredListens, RtmStartupOptions startup) {
        this.client = client;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.declaredListens = List.copyOf(declaredListens);
        this.startup = startup;
        registry.addStateListener(new ListenSetFollower());
    }

    /**
     * Connects and waits for the first connection.
     *
     * @throws RtmStartupException when the gateway refused the credentials (200001 or 200002), or when no
     *         connection was ready within the startup timeout and {@link RtmStartupOptions#failIfUnreachable()}
     *         is set
     */
    @Override
    public void start() {
        this.dispatcher.buildRoutes(this.client);
        this.client.setPushListener(this.dispatcher);
        this.client.setConnectionListener(this.dispatcher);
        ListenState declared = declaredListenSet();
        if (declared.isEmpty()) {
            logger.warn("Nothing to listen to: no ids on @RtmListener methods and no declared listen set "
                    + "(rtm.listen.* with Spring Boot), so no RTM push will arrive until the application calls "
                    + "addListen or setListen on the client");
        }
        handToClient(declared);
        this.running = true;
        try {
            this.client.connectAsync().get(this.startup.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (this.client.isListeningSuspended()) {
                // a cluster's standby, say: connected, with nothing listened until listening resumes
                logger.info("Connected to RTM gateway " + this.client.endpoint() + " with listening suspended; once"
                        + " resumed it listens to " + describe(this.client.desiredListenState()));
            } else {
                logger.info("Listening on RTM gateway " + this.client.endpoint() + " to "
                        + describe(this.client.listenState()));
            }
        } catch (TimeoutException ex) {
            unreachable(new RtmException(FpnnErrorCode.CORE_TIMEOUT,
                    "no connection was ready within " + this.startup.timeout().toMillis() + " ms"));
        } catch (ExecutionException ex) {
            RtmException failure = RtmException.of(ex.getCause());
            if (failure.isCredentialsRejected()) {
                // the client keeps asking, but an application with wrong credentials must not start
                throw new RtmStartupException(RtmStartupException.Reason.CREDENTIALS_REFUSED, this.client.endpoint(),
                        "The RTM gateway " + this.client.endpoint() + " refused the credentials: "
                                + failure.getMessage(), failure);
            }
            unreachable(failure);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private void unreachable(RtmException why) {
        if (this.startup.failIfUnreachable()) {
            throw new RtmStartupException(RtmStartupException.Reason.UNREACHABLE, this.client.endpoint(),
                    "Not connected to the RTM gateway " + this.client.endpoint() + " at startup: " + why.getMessage(),
                    why);
        }
        logger.warn("Not connected to the RTM gateway " + this.client.endpoint() + " at startup: "
                + why.getMessage() + "; starting anyway, the client keeps trying and applies the listen set once"
                + " connected");
    }

    /**
     * Disconnects the client: it stops reading, lets queued listener calls finish (at most its shutdown
     * timeout) and closes the connection; {@link #start()} connects again.
     */
    @Override
    public void stop() {
        this.running = false;
        this.client.disconnect();
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private ListenState declaredListenSet() {
        ListenState state = this.registry.getDeclaredListens();
        for (ListenState listens : this.declaredListens) {
            state = state.plus(listens.groups(), listens.rooms(), listens.users(), listens.events())
                .withFlags(trueFlags(listens));
        }
        return state;
    }

    /**
     * Adds the declared set to the client's desired listen state, before it connects: the first connection's
     * one setlisten carries it. The calls fail at once with 20012 (not connecting yet), which is expected: the
     * change is kept all the same.
     */
    private void handToClient(ListenState declared) {
        if (declared.hasIds()) {
            this.client.addListenAsync(declared.groups(), declared.rooms(), declared.users(), declared.events());
        }
        // only flags that are on are given: a false flag must not undo one set at runtime
        this.client.setListenAsync(trueFlags(declared));
    }

    /** Keeps the client's listen set in step with the listener containers started and stopped one by one. */
    private final class ListenSetFollower implements RtmListenerEndpointRegistry.StateListener {

        @Override
        public void listenerStarted(RtmListenerEndpoint endpoint) {
            ListenState listens = endpoint.listens();
            if (listens.hasIds()) {
                client.addListenAsync(listens.groups(), listens.rooms(), listens.users(), listens.events());
            }
        }

        @Override
        public void listenerStopped(RtmListenerEndpoint endpoint) {
            ListenState needed = declaredListenSet();
            ListenState unneeded = endpoint.listens()
                .minus(needed.groups(), needed.rooms(), needed.users(), needed.events());
            if (unneeded.hasIds()) {
                client.removeListenAsync(unneeded.groups(), unneeded.rooms(), unneeded.users(), unneeded.events());
            }
        }
    }

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

    private static String describe(ListenState state) {
        return "groups=" + state.groups() + ", rooms=" + state.rooms() + ", users=" + state.users() + ", events="
                + state.events() + ", allP2p=" + state.allP2P() + ", allGroups=" + state.allGroups()
                + ", allRooms=" + state.allRooms() + ", allEvents=" + state.allEvents();
    }
}
