package io.rtm.spring.listener;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

import io.rtm.client.RtmConnectionListener;
import io.rtm.client.RtmEndpoint;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushListener;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.client.RtmServerPushMonitor;
import io.rtm.spring.config.InvalidRtmListenerException;
import io.rtm.spring.config.RtmListenerContainer;
import io.rtm.spring.config.RtmListenerEndpoint;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import io.rtm.spring.listener.adapter.RtmHandlerMethodFactory;
import io.rtm.spring.listener.adapter.RtmInvocableHandlerMethod;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The client's push and connection listener: calls the listener methods that match each push, then the
 * application's {@link RtmServerPushMonitor} beans (the callback of the push's type), and publishes
 * connection changes as {@link RtmConnectedEvent} and {@link RtmDisconnectedEvent}.
 *
 * <p>{@link #buildRoutes} indexes the registry's endpoints by push type once, so a push reaches its
 * methods without looking at the others; methods that match one push are called in the order of their ids.
 * Listener methods receive pushes only while the {@link RtmListenerEndpointRegistry} runs. A listener's
 * exception goes, through the {@link RtmListenerInterceptor}s, to the {@link RtmListenerErrorHandler}, which may
 * call it again (each attempt through the interceptors) before the {@link RtmListenerRecoverer} decides; a
 * monitor bean's exception is logged. Neither affects other receivers.
 *
 * <p>With an {@link RtmPushRelay}, received pushes go to the relay instead, and come back, on whichever
 * instance takes them from the relay, through {@link #dispatchRelayed}: the same listeners and monitors, with
 * failures thrown to the relay's error handling.
 */
public final class RtmPushDispatcher implements RtmPushListener, RtmConnectionListener {

    private static final Log logger = LogFactory.getLog(RtmPushDispatcher.class);

    /**
     * The headers every push message shares: none. Built per message, headers would cost a map, a random
     * id and a timestamp on every push, and no listener argument reads them.
     */
    private static final MessageHeaders NO_HEADERS = new MessageHeaders(null, MessageHeaders.ID_VALUE_NONE, -1L) {
    };

    private final RtmListenerEndpointRegistry registry;

    private final RtmHandlerMethodFactory handlerMethodFactory;

    private final RtmListenerErrorHandler errorHandler;

    /** Empty in the common case: the listener is then called directly. */
    private final List<RtmListenerInterceptor> interceptors;

    /** An array, not a list: the loop over it on every push allocates no iterator. */
    private final RtmServerPushMonitor[] monitors;

    private final ApplicationEventPublisher publisher;

    private final @Nullable RtmPushRelay relay;

    private volatile Map<RtmPushType, ListenerRoute[]> routes = routes(List.of());

    /**
     * Creates a dispatcher with no routes yet.
     *
     * @param registry             the listener endpoints
     * @param handlerMethodFactory makes the endpoints' methods invocable
     * @param errorHandler         receives listener failures
     * @param interceptors         wrap each listener call, the first outermost
     * @param monitors             receive every push and connection change after the listeners
     * @param publisher            publishes the connection events
     */
    public RtmPushDispatcher(RtmListenerEndpointRegistry registry, RtmHandlerMethodFactory handlerMethodFactory,
            RtmListenerErrorHandler errorHandler, List<RtmListenerInterceptor> interceptors,
            List<RtmServerPushMonitor> monitors, ApplicationEventPublisher publisher) {
        this(registry, handlerMethodFactory, errorHandler, interceptors, monitors, publisher, null);
    }

    /**
     * Creates a dispatcher with no routes yet that relays the pushes it receives.
     *
     * @param registry             the listener endpoints
     * @param handlerMethodFactory makes the endpoints' methods invocable
     * @param errorHandler         receives listener failures of pushes not relayed
     * @param interceptors         wrap each listener call, the first outermost
     * @param monitors             receive every push and connection change after the listeners
     * @param publisher            publishes the connection events
     * @param relay                takes every received push instead of the listeners; {@code null} for none
     */
    public RtmPushDispatcher(RtmListenerEndpointRegistry registry, RtmHandlerMethodFactory handlerMethodFactory,
            RtmListenerErrorHandler errorHandler, List<RtmListenerInterceptor> interceptors,
            List<RtmServerPushMonitor> monitors, ApplicationEventPublisher publisher, @Nullable RtmPushRelay relay) {
        this.relay = relay;
        this.registry = registry;
        this.handlerMethodFactory = handlerMethodFactory;
        this.errorHandler = errorHandler;
        this.interceptors = List.copyOf(interceptors);
        this.monitors = monitors.toArray(RtmServerPushMonitor[]::new);
        this.publisher = publisher;
    }

    /**
     * Indexes the registry's endpoints by push type and makes their methods invocable. Called once every
     * endpoint is registered, before pushes arrive: {@link RtmConnectionLifecycle} does when it starts.
     *
     * @param client sends what listener methods return back into the push's conversation
     * @throws InvalidRtmListenerException naming the method when an endpoint's declaration or signature is invalid
     */
    public void buildRoutes(RtmServerClient client) {
        List<ListenerRoute> routes = new ArrayList<>();
        for (RtmListenerContainer container : this.registry.getListenerContainers()) {
            RtmListenerEndpoint endpoint = container.getEndpoint();
            RtmInvocableHandlerMethod handler = this.handlerMethodFactory.createInvocableHandlerMethod(endpoint);
            ListenerReply reply = replyOf(endpoint, client);
            for (RtmPushType type : endpoint.types()) {
                routes.add(new ListenerRoute(container, type, handler, reply));
            }
        }
        this.routes = routes(routes);
    }

    private static @Nullable ListenerReply replyOf(RtmListenerEndpoint endpoint, RtmServerClient client) {
        Class<?> returned = endpoint.method().getReturnType();
        if (endpoint.replyFrom() == null || returned == void.class || returned == Void.class) {
            return null;
        }
        return new ListenerReply(client, endpoint.replyFrom(), endpoint.id());
    }

    private static Map<RtmPushType, ListenerRoute[]> routes(List<ListenerRoute> routes) {
        Map<RtmPushType, ListenerRoute[]> byType = new EnumMap<>(RtmPushType.class);
        for (RtmPushType type : RtmPushType.values()) {
            byType.put(type, routes.stream().filter((route) -> route.type() == type).toArray(ListenerRoute[]::new));
        }
        return byType;
    }

    @Override
    public CompletionStage<?> handleMessage(RtmMessage message) {
        return (this.relay != null) ? this.relay.relay(message) : RtmPushListener.super.handleMessage(message);
    }

    @Override
    public CompletionStage<?> handleEvent(RtmEvent event) {
        return (this.relay != null) ? this.relay.relay(event) : RtmPushListener.super.handleEvent(event);
    }

    /**
     * Calls the listeners and monitors of a push that came through the {@link RtmPushRelay}, on the relay's
     * thread. Unlike a received push, a listener's failure is not handed to the {@link RtmListenerErrorHandler}
     * but thrown, for the relay's error handling to decide; calling again with the same {@code done} set calls
     * only the listeners that have not returned yet, and the monitors once all have.
     *
     * @param push an {@link RtmMessage} or {@link RtmEvent}
     * @param done the ids of the listeners that returned for this push; this call adds those that return now
     * @throws RtmListenerFailedException naming the listener that threw; listeners after it were not called
     * @throws IllegalStateException when the listeners are not running, so the push was not handled
     */
    public void dispatchRelayed(Object push, Set<String> done) {
        if (!this.registry.isRunning()) {
            throw new IllegalStateException("The RTM listeners are stopped; not handled: " + push);
        }
        callListeners(push, done);
        callMonitors(push);
    }

    @Override
    public void onMessage(RtmMessage message) {
        if (this.registry.isRunning()) {
            callListeners(message, null);
        }
        callMonitors(message);
    }

    @Override
    public void onEvent(RtmEvent event) {
        if (this.registry.isRunning()) {
            callListeners(event, null);
        }
        callMonitors(event);
    }

    @Override
    public void connected(RtmEndpoint endpoint, boolean reconnect) {
        this.publisher.publishEvent(new RtmConnectedEvent(this, endpoint.toString(), reconnect));
        forEachMonitor((monitor, gateway) -> monitor.connected(gateway, true, reconnect), endpoint.toString());
    }

    @Override
    public void connectFailed(RtmEndpoint endpoint, boolean reconnect) {
        forEachMonitor((monitor, gateway) -> monitor.connected(gateway, false, reconnect), endpoint.toString());
    }

    @Override
    public void disconnected(RtmEndpoint endpoint, boolean causedByError, boolean willReconnect) {
        this.publisher
            .publishEvent(new RtmDisconnectedEvent(this, endpoint.toString(), causedByError, willReconnect));
        forEachMonitor((monitor, gateway) -> monitor.closed(gateway, causedByError, willReconnect),
                endpoint.toString());
    }

    @Override
    public void pinged() {
        forEachMonitor((monitor, ignored) -> monitor.ping(), null);
    }

    /**
     * Calls the listener methods of the push's type that accept it; the message is made once, on the first.
     * Without {@code done}, a failure goes to the error handler; with it, listeners in it are skipped, those that
     * return are added, and the first failure is thrown.
     */
    private void callListeners(Object push, @Nullable Set<String> done) {
        RtmPushType type = (push instanceof RtmMessage message) ? message.pushType() : RtmPushType.EVENT;
        Message<Object> message = null;
        for (ListenerRoute route : this.routes.get(type)) {
            if (!route.accepts(push) || (done != null && done.contains(route.id()))) {
                continue;
            }
            if (message == null) {
                message = new GenericMessage<>(push, NO_HEADERS);
            }
            if (done == null) {
                invoke(route, message);
            } else {
                try {
                    attempt(route, message);
                } catch (Exception ex) {
                    throw new RtmListenerFailedException(push, route.id(), route.method(), ex);
                }
                done.add(route.id());
            }
        }
    }

    private void callMonitors(Object push) {
        if (push instanceof RtmMessage message) {
            forEachMonitor(RtmServerPushMonitor::dispatch, message);
        } else {
            forEachMonitor(RtmServerPushMonitor::pushEvent, (RtmEvent) push);
        }
    }

    private void invoke(ListenerRoute route, Message<?> push) {
        try {
            attempt(route, push);
        } catch (Exception ex) {
            try {
                this.errorHandler.handleError(ex, push.getPayload(), route.method(), () -> attempt(route, push));
            } catch (RuntimeException handlerFailure) {
                logger.error("RtmListenerErrorHandler failed on " + push.getPayload() + " from "
                        + RtmListenerEndpoint.describe(route.method()), handlerFailure);
            }
        }
    }

    /** One call of the listener, through the interceptors. */
    private void attempt(ListenerRoute route, Message<?> push) throws Exception {
        if (this.interceptors.isEmpty()) {
            route.invoke(push);
        } else {
            new InterceptedInvocation(this.interceptors, route, push).proceed();
        }
    }

    /** Makes one call on every monitor; a monitor's exception is logged and stops nothing. */
    private <T extends @Nullable Object> void forEachMonitor(BiConsumer<RtmServerPushMonitor, T> call, T argument) {
        for (RtmServerPushMonitor monitor : this.monitors) {
            try {
                call.accept(monitor, argument);
            } catch (RuntimeException ex) {
                logger.error("RtmServerPushMonitor " + monitor.getClass().getName() + " failed", ex);
            }
        }
    }
}
