package io.rtm.spring;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.rtm.client.ListenState;
import io.rtm.client.MessageSource;
import io.rtm.client.RtmEndpoint;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerPushMonitor;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.config.InvalidRtmListenerException;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.config.RtmListenerEndpoint;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import io.rtm.spring.listener.RtmConnectedEvent;
import io.rtm.spring.listener.RtmDisconnectedEvent;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.spring.listener.RtmPushDispatcher;
import io.rtm.spring.listener.adapter.RtmHandlerMethodFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Routing of pushes handed to the dispatcher (as the client's dispatch threads do) to listener methods,
 * monitor beans and the error handler, and listener declaration checks. The client's gateway is a closed
 * port: it never connects.
 */
class RtmListenerRoutingTests {

    private static final Map<String, Object> PROPERTIES = Map.of("gateway.endpoint",
            "127.0.0.1:" + TestContexts.closedPort(), "gateway.project-id", 11000001, "gateway.secret-key", "secret",
            "test.vip-group", "1002", "test.support-uids", "3001, 3002", "test.group-name", "lobby");

    @Test
    void routesEachPushToTheMatchingMethods() {
        run((context) -> {
            RtmPushDispatcher dispatcher = dispatcher(context);
            Listeners.Recording recording = context.getBean(Listeners.Recording.class);

            dispatcher.onMessage(text(MessageSource.GROUP, 1001, 30, "hello"));
            dispatcher.onMessage(text(MessageSource.GROUP, 1002, 30, "vip"));
            dispatcher.onMessage(text(MessageSource.P2P, 3002, 45, "{\"url\":\"u\",\"size\":1}"));
            dispatcher.onMessage(binary(MessageSource.P2P, 3001, 1, new byte[] { 1, 2, 3 }));
            dispatcher.onMessage(binary(MessageSource.P2P, 9999, 1, new byte[] { 1 }));
            dispatcher.onMessage(text(MessageSource.ROOM, 2001, 32, "{\"action\":\"kick\"}"));
            dispatcher.onMessage(text(MessageSource.ROOM, 2002, 32, "{\"action\":\"ban\"}"));
            dispatcher.onMessage(text(MessageSource.GROUP, 1001, 32, "x"));
            dispatcher.onMessage(text(MessageSource.ROOM, 2001, 30, "x"));
            dispatcher.onMessage(text(MessageSource.P2P, 3001, 30, "nobody listens to P2P chat"));
            dispatcher.onEvent(new RtmEvent(11000001, "login", 5, 1, "", "d1"));
            dispatcher.onEvent(new RtmEvent(11000001, "logout", 6, 1, "", "d2"));

            assertThat(recording.calls).containsExactly("anyGroupChat:1001", "anyGroupChat:1002",
                    "vipGroupChat:1002:vip", "supportInbox:P2P_FILE:3002:20", "supportInbox:P2P_MESSAGE:3001:3",
                    "roomCommand:kick", "twoTypes", "twoTypes", "anyEvent:login:d1", "login:5",
                    "anyEvent:logout:d2"); // methods matching one push run in the order of their ids
        }, RecordingConfiguration.class);
    }

    @Test
    void listenerIdsJoinTheDeclaredListenSet() {
        run((context) -> {
            RtmListenerEndpointRegistry registry = context.getBean(RtmListenerEndpointRegistry.class);
            ListenState declared = registry.getDeclaredListens();
            assertThat(declared.groups()).containsExactly(1002L);
            assertThat(declared.users()).containsExactlyInAnyOrder(3001L, 3002L);
            assertThat(declared.rooms()).containsExactly(2001L);
            assertThat(declared.events()).containsExactly("login");
            assertThat(registry.getListenerIds()).contains("recording.vipGroupChat(RtmMessage,String)");
        }, RecordingConfiguration.class);
    }

    @Test
    void aListenerOnALazyBeanIsRegisteredAndItsIdsAreListenedTo() {
        run((context) -> {
            RtmListenerEndpointRegistry registry = context.getBean(RtmListenerEndpointRegistry.class);
            assertThat(registry.getListenerIds()).containsExactly("lazyListener.onChat(String)");
            assertThat(registry.getDeclaredListens().groups()).containsExactly(4001L);
            dispatcher(context).onMessage(text(MessageSource.GROUP, 4001, 30, "hello"));
            assertThat(context.getBean(Listeners.LazyListener.class).texts).containsExactly("hello");
        }, LazyConfiguration.class);
    }

    @Test
    void aListenerOnABeanThatIsNoSingletonStopsStartupNamingTheBeanAndItsScope() {
        Class<?>[] configurations = { TestContexts.Client.class, PrototypeConfiguration.class };
        assertThatThrownBy(() -> TestContexts.start(PROPERTIES, configurations).close())
            .isInstanceOfSatisfying(InvalidRtmListenerException.class, (invalid) -> {
                assertThat(invalid.getMethod().getName()).isEqualTo("onChat");
                assertThat(invalid.getProblems()).singleElement()
                    .asString()
                    .contains("'perPush'", "scope 'prototype'");
                assertThat(invalid.getAction()).contains("singleton");
            });
    }

    @Test
    void aFailingListenerGoesToTheErrorHandlerAndOthersKeepWorking() {
        run((context) -> {
            Listeners.Recording recording = context.getBean(Listeners.Recording.class);
            ErrorHandlerConfiguration errors = context.getBean(ErrorHandlerConfiguration.class);
            RtmMessage message = RtmMessage.builder(MessageSource.GROUP).toId(1).messageId(77).messageType(1)
                .text("x").build();

            dispatcher(context).onMessage(message);

            assertThat(recording.calls).containsExactly("alsoReceivesGroupMessages:77");
            assertThat(errors.failures).hasSize(1);
            Failure failure = errors.failures.get(0);
            assertThat(failure.exception()).hasMessage("listener failure 77");
            assertThat(failure.push()).isSameAs(message);
            assertThat(failure.method().getName()).isEqualTo("fails");
        }, RecordingConfiguration.class, ErrorHandlerConfiguration.class);
    }

    @Test
    void conversionFailuresGoToTheErrorHandler() {
        run((context) -> {
            dispatcher(context).onMessage(text(MessageSource.ROOM, 2001, 32, "not json"));
            assertThat(context.getBean(ErrorHandlerConfiguration.class).failures).singleElement()
                .satisfies((failure) -> assertThat(failure.method().getName()).isEqualTo("roomCommand"));
        }, RecordingConfiguration.class, ErrorHandlerConfiguration.class);
    }

    @Test
    void convertsJsonToTheParameterType() {
        run((context) -> {
            dispatcher(context).onMessage(text(MessageSource.ROOM, 1, 32, "{\"item\":\"sword\",\"quantity\":2}"));
            assertThat(context.getBean(Listeners.JsonListener.class).orders)
                .containsExactly(new Listeners.Order("sword", 2));
        }, JsonConfiguration.class);
    }

    @Test
    void monitorBeansReceiveEveryPushAndConnectionEventsArePublished() {
        run((context) -> {
            RtmPushDispatcher dispatcher = dispatcher(context);
            MonitorConfiguration monitor = context.getBean(MonitorConfiguration.class);
            RtmEndpoint gateway = new RtmEndpoint("gateway", 1);
            dispatcher.onMessage(text(MessageSource.ROOM, 5, 41, "{}"));
            dispatcher.onEvent(new RtmEvent(1, "logout", 2, 3, "", ""));
            dispatcher.connected(gateway, true);
            dispatcher.disconnected(gateway, true, true);
            assertThat(monitor.calls).containsExactly("roomFile:5", "event:logout", "connected:true",
                    "closed:true");
            assertThat(monitor.events).hasSize(2);
            assertThat(monitor.events.get(0)).isInstanceOfSatisfying(RtmConnectedEvent.class,
                    (event) -> assertThat(event.isReconnect()).isTrue());
            assertThat(monitor.events.get(1)).isInstanceOfSatisfying(RtmDisconnectedEvent.class, (event) -> {
                assertThat(event.isCausedByError()).isTrue();
                assertThat(event.isWillReconnect()).isTrue();
                assertThat(event.getEndpoint()).isEqualTo("gateway:1");
            });
        }, MonitorConfiguration.class);
    }

    @Test
    void twoEndpointsWithOneIdAreRejectedNamingBothMethods() throws NoSuchMethodException {
        RtmListenerEndpointRegistry registry = new RtmListenerEndpointRegistry();
        Method first = Listeners.TextListener.class.getDeclaredMethod("onChat", String.class);
        Method second = Listeners.JsonListener.class.getDeclaredMethod("onOrder", Listeners.Order.class);
        registry.registerEndpoint(endpoint("chat", new Listeners.TextListener(), first));
        assertThatIllegalStateException()
            .isThrownBy(() -> registry.registerEndpoint(endpoint("chat", new Listeners.JsonListener(), second)))
            .withMessageContaining(Listeners.TextListener.class.getName() + ".onChat(String)")
            .withMessageContaining(Listeners.JsonListener.class.getName() + ".onOrder(Order)")
            .withMessageContaining("'chat'");
    }

    @Test
    void withoutAPayloadConverterAJsonParameterIsRejected() throws NoSuchMethodException {
        Method method = Listeners.JsonListener.class.getDeclaredMethod("onOrder", Listeners.Order.class);
        assertThatIllegalStateException()
            .isThrownBy(() -> new RtmHandlerMethodFactory(null)
                .createInvocableHandlerMethod(endpoint("json", new Listeners.JsonListener(), method)))
            .withMessageContaining(Listeners.JsonListener.class.getName() + ".onOrder(Order)")
            .withMessageContaining("needs Jackson");
    }

    @Test
    void rejectsAnEventParameterOnMessageTypes() {
        assertRejected(Listeners.EventParameterOnMessages.class, "cannot receive message push types");
    }

    @Test
    void rejectsTwoPayloadParameters() {
        assertRejected(Listeners.TwoPayloads.class, "declare at most one");
    }

    @Test
    void rejectsUnsupportedParameterTypes() {
        assertRejected(Listeners.Unsupported.class, "is not supported");
    }

    @Test
    void rejectsNoPushTypes() {
        assertRejected(Listeners.NoTypes.class, "names no push type");
    }

    @Test
    void rejectsIdsOnEvents() {
        assertRejected(Listeners.IdsOnEvent.class, "not EVENT");
    }

    @Test
    void rejectsEventsOnMessageTypes() {
        assertRejected(Listeners.EventsOnMessages.class, "events filter RtmPushType.EVENT only");
    }

    @Test
    void rejectsAReplyWithNoUserToSendItFrom() {
        assertRejected(Listeners.ReturnsAValue.class,
                "it returns String, a reply, but no user to send it from is given; set replyFrom");
    }

    @Test
    void rejectsAReturnValueThatIsNotAReply() {
        assertRejected(Listeners.ReturnsANumber.class, "it returns int, which is not a reply");
    }

    @Test
    void rejectsAReplyToEvents() {
        assertRejected(Listeners.RepliesToEvents.class, "EVENT pushes, which have no conversation to reply into");
    }

    @Test
    void rejectsAReplyFromThatIsNotAUserId() {
        assertRejected(Listeners.ReplyFromNotANumber.class,
                "replyFrom = \"${test.group-name}\" resolves to 'lobby', which is not a user id");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "EmptyGroups | groups = \"${test.none:}\"",
            "EmptyRooms | rooms = {\"${test.none:}\", \" \"}", "EmptyUsers | users = \"${test.none:}\"",
            "EmptyEvents | events = \"${test.none:}\"" })
    void rejectsAnAttributeThatResolvesToNothing(String listener, String attribute) throws ClassNotFoundException {
        assertRejected(Class.forName(Listeners.class.getName() + "$" + listener),
                attribute + " resolves to nothing, which would not limit the method at all");
    }

    @Test
    void rejectsAnUnresolvedPlaceholder() {
        assertRejected(Listeners.UnresolvedEvent.class, "events = \"${test.missing}\" holds an unresolved placeholder");
    }

    @Test
    void rejectsAPlaceholderThatIsNotANumber() {
        assertRejected(Listeners.NotANumber.class, "resolves to 'lobby', which is not a number");
    }

    private static void assertRejected(Class<?> listener, String problem) {
        assertThatThrownBy(() -> TestContexts.start(PROPERTIES, TestContexts.Client.class, listener).close())
            .rootCause()
            .hasMessageContaining("Invalid @RtmListener method " + listener.getName() + ".bad(")
            .hasMessageContaining(problem);
    }

    private static void run(Consumer<AnnotationConfigApplicationContext> test, Class<?>... configurations) {
        Class<?>[] all = new Class<?>[configurations.length + 1];
        all[0] = TestContexts.Client.class;
        System.arraycopy(configurations, 0, all, 1, configurations.length);
        try (AnnotationConfigApplicationContext context = TestContexts.start(PROPERTIES, all)) {
            test.accept(context);
        }
    }

    private static RtmPushDispatcher dispatcher(AnnotationConfigApplicationContext context) {
        return context.getBean(RtmListenerConfigUtils.RTM_PUSH_DISPATCHER_BEAN_NAME, RtmPushDispatcher.class);
    }

    private static RtmListenerEndpoint endpoint(String id, Object bean, Method method) {
        Set<RtmPushType> types = Set.of(method.getAnnotation(RtmListener.class).value());
        return new RtmListenerEndpoint(id, bean, method, types, Set.of(), Set.of(), Set.of(), Set.of());
    }

    private static RtmMessage text(MessageSource source, long toId, int mtype, String text) {
        return RtmMessage.builder(source).fromUid(1).toId(toId).messageType(mtype).messageId(System.nanoTime())
            .text(text).build();
    }

    private static RtmMessage binary(MessageSource source, long toId, int mtype, byte[] content) {
        return RtmMessage.builder(source).fromUid(1).toId(toId).messageType(mtype).messageId(System.nanoTime())
            .binary(content).build();
    }

    record Failure(Exception exception, Object push, Method method) {
    }

    @Configuration(proxyBeanMethods = false)
    static class RecordingConfiguration {

        @Bean
        Listeners.Recording recording() {
            return new Listeners.Recording();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PrototypeConfiguration {

        @Bean
        @Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
        Listeners.LazyListener perPush() {
            return new Listeners.LazyListener();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class LazyConfiguration {

        @Bean
        @Lazy
        Listeners.LazyListener lazyListener() {
            return new Listeners.LazyListener();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JsonConfiguration {

        @Bean
        Listeners.JsonListener jsonListener() {
            return new Listeners.JsonListener();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ErrorHandlerConfiguration {

        final List<Failure> failures = new CopyOnWriteArrayList<>();

        @Bean
        RtmListenerErrorHandler errorHandler() {
            return (exception, push, method) -> this.failures.add(new Failure(exception, push, method));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MonitorConfiguration implements RtmServerPushMonitor, ApplicationListener<ApplicationEvent> {

        final List<String> calls = new CopyOnWriteArrayList<>();

        final List<Object> events = new CopyOnWriteArrayList<>();

        @Override
        public void pushRoomFile(RtmMessage message) {
            this.calls.add("roomFile:" + message.toId());
        }

        @Override
        public void pushEvent(RtmEvent event) {
            this.calls.add("event:" + event.event());
        }

        @Override
        public void connected(String endpoint, boolean connected, boolean isReconnect) {
            // the real client's failed attempt to reach the closed port reports connected=false at any time
            if (connected) {
                this.calls.add("connected:" + connected);
            }
        }

        @Override
        public void closed(String endpoint, boolean causedByError, boolean isReconnect) {
            this.calls.add("closed:" + causedByError);
        }

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof RtmConnectedEvent || event instanceof RtmDisconnectedEvent) {
                this.events.add(event);
            }
        }
    }
}
