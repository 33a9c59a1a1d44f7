package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmServerPushMonitor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.GenericMessage;

/**
 * The one {@link RtmServerPushMonitor} set on the client: routes every push to
 * the matching {@link RtmListener} methods and to the application's own
 * {@code RtmServerPushMonitor} beans, and publishes connection changes as
 * {@link RtmConnectedEvent} and {@link RtmDisconnectedEvent}.
 *
 * <p>A listener's exception goes to the {@link RtmListenerErrorHandler}; a
 * monitor bean's exception is logged. Neither affects other receivers.
 */
public final class RtmPushMonitorAdapter implements RtmServerPushMonitor, SmartInitializingSingleton {

    private static final Log logger = LogFactory.getLog(RtmPushMonitorAdapter.class);

    /**
     * The headers every push message shares: none. Built per message, headers
     * would cost a map, a random id and a timestamp on every push, and no
     * listener argument reads them.
     */
    private static final MessageHeaders NO_HEADERS = new MessageHeaders(null, MessageHeaders.ID_VALUE_NONE, -1L) {
    };

    private final RtmListenerEndpointRegistry registry;

    private final ObjectProvider<RtmServerPushMonitor> monitorBeans;

    private final RtmListenerErrorHandler errorHandler;

    private final ApplicationEventPublisher publisher;

    /** Empty in the common case: the listener is then called directly. */
    private final List<RtmListenerInterceptor> interceptors;

    private volatile List<RtmServerPushMonitor> monitors = List.of();

    /**
     * @param registry     the listener methods
     * @param monitors     the application's monitor beans (this adapter is left out)
     * @param errorHandler receives listener failures
     * @param publisher    publishes the connection events
     */
    public RtmPushMonitorAdapter(RtmListenerEndpointRegistry registry, ObjectProvider<RtmServerPushMonitor> monitors,
            RtmListenerErrorHandler errorHandler, ApplicationEventPublisher publisher) {
        this(registry, monitors, errorHandler, publisher, List.of());
    }

    /**
     * @param registry     the listener methods
     * @param monitors     the application's monitor beans (this adapter is left out)
     * @param errorHandler receives listener failures
     * @param publisher    publishes the connection events
     * @param interceptors wrap each listener call, the first outermost
     */
    public RtmPushMonitorAdapter(RtmListenerEndpointRegistry registry, ObjectProvider<RtmServerPushMonitor> monitors,
            RtmListenerErrorHandler errorHandler, ApplicationEventPublisher publisher,
            List<RtmListenerInterceptor> interceptors) {
        this.registry = registry;
        this.monitorBeans = monitors;
        this.errorHandler = errorHandler;
        this.publisher = publisher;
        this.interceptors = List.copyOf(interceptors);
    }

    // resolved once all singletons exist: asked for while this adapter is created, they would include it
    @Override
    public void afterSingletonsInstantiated() {
        this.monitors = this.monitorBeans.orderedStream()
            .filter((monitor) -> !(monitor instanceof RtmPushMonitorAdapter))
            .toList();
    }

    @Override
    public void connected(String endpoint, boolean connected, boolean isReconnect) {
        if (connected) {
            this.publisher.publishEvent(new RtmConnectedEvent(this, endpoint, isReconnect));
        }
        forEachMonitor((monitor) -> monitor.connected(endpoint, connected, isReconnect));
    }

    @Override
    public void closed(String endpoint, boolean causedByError, boolean isReconnect) {
        this.publisher.publishEvent(new RtmDisconnectedEvent(this, endpoint, causedByError, isReconnect));
        forEachMonitor((monitor) -> monitor.closed(endpoint, causedByError, isReconnect));
    }

    @Override
    public void pushP2PMessage(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushGroupMessage(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushRoomMessage(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushP2PFile(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushGroupFile(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushRoomFile(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushP2PChat(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushP2PCmd(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushGroupChat(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushGroupCmd(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushRoomChat(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushRoomCmd(RtmMessage message) {
        route(message);
    }

    @Override
    public void pushEvent(RtmEvent event) {
        Message<RtmEvent> push = new GenericMessage<>(event, NO_HEADERS);
        for (RtmListenerEndpoint endpoint : listeners()) {
            if (endpoint.matches(event)) {
                invoke(endpoint, push);
            }
        }
        forEachMonitor((monitor) -> monitor.pushEvent(event));
    }

    @Override
    public void ping() {
        forEachMonitor(RtmServerPushMonitor::ping);
    }

    private void route(RtmMessage message) {
        Message<RtmMessage> push = new GenericMessage<>(message, NO_HEADERS);
        for (RtmListenerEndpoint endpoint : listeners()) {
            if (endpoint.matches(message)) {
                invoke(endpoint, push);
            }
        }
        forEachMonitor((monitor) -> RtmServerPushMonitor.dispatch(monitor, message));
    }

    private List<RtmListenerEndpoint> listeners() {
        return this.registry.isRunning() ? this.registry.endpoints() : List.of();
    }

    private void invoke(RtmListenerEndpoint endpoint, Message<?> push) {
        try {
            if (this.interceptors.isEmpty()) {
                endpoint.invoke(push);
            } else {
                new InterceptedInvocation(this.interceptors, endpoint, push).proceed();
            }
        } catch (Exception ex) {
            try {
                this.errorHandler.handleError(ex, push.getPayload(), endpoint.method());
            } catch (RuntimeException handlerFailure) {
                logger.error("RtmListenerErrorHandler failed on " + push.getPayload() + " from "
                        + ListenerMethods.describe(endpoint.method()), handlerFailure);
            }
        }
    }

    private void forEachMonitor(Consumer<RtmServerPushMonitor> call) {
        for (RtmServerPushMonitor monitor : this.monitors) {
            try {
                call.accept(monitor);
            } catch (RuntimeException ex) {
                logger.error("RtmServerPushMonitor " + monitor.getClass().getName() + " failed", ex);
            }
        }
    }

    /** Walks the interceptors, then calls the listener. */
    private static final class InterceptedInvocation implements RtmListenerInterceptor.Invocation {

        private final List<RtmListenerInterceptor> interceptors;

        private final RtmListenerEndpoint endpoint;

        private final Message<?> push;

        private int next;

        InterceptedInvocation(List<RtmListenerInterceptor> interceptors, RtmListenerEndpoint endpoint,
                Message<?> push) {
            this.interceptors = interceptors;
            this.endpoint = endpoint;
            this.push = push;
        }

        @Override
        public String listenerId() {
            return this.endpoint.id();
        }

        @Override
        public Method method() {
            return this.endpoint.method();
        }

        @Override
        public Object push() {
            return this.push.getPayload();
        }

        @Override
        public void proceed() throws Exception {
            if (this.next < this.interceptors.size()) {
                this.interceptors.get(this.next++).intercept(this);
            } else {
                this.endpoint.invoke(this.push);
            }
        }
    }
}
