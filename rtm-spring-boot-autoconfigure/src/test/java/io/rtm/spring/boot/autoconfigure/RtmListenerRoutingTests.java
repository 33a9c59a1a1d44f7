package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.ListenState;
import io.rtm.client.MessageSource;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmServerPushMonitor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing of pushes handed to the adapter (as the client's dispatch threads do)
 * to listener methods, monitor beans and the error handler, and listener
 * declaration checks.
 */
class RtmListenerRoutingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class))
        .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                "rtm.project-id=11000001", "rtm.secret-key=secret", "rtm.reconnect.enabled=false",
                "test.vip-group=1002", "test.support-uids=3001, 3002", "test.group-name=lobby");

    @Test
    void routesEachPushToTheMatchingMethods() {
        this.runner.withUserConfiguration(RecordingConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed();
            RtmPushMonitorAdapter adapter = context.getBean(RtmPushMonitorAdapter.class);
            Listeners.Recording recording = context.getBean(Listeners.Recording.class);

            adapter.pushGroupChat(text(MessageSource.GROUP, 1001, 30, "hello"));
            adapter.pushGroupChat(text(MessageSource.GROUP, 1002, 30, "vip"));
            adapter.pushP2PFile(text(MessageSource.P2P, 3002, 45, "{\"url\":\"u\",\"size\":1}"));
            adapter.pushP2PMessage(binary(MessageSource.P2P, 3001, 1, new byte[] { 1, 2, 3 }));
            adapter.pushP2PMessage(binary(MessageSource.P2P, 9999, 1, new byte[] { 1 }));
            adapter.pushRoomCmd(text(MessageSource.ROOM, 2001, 32, "{\"action\":\"kick\"}"));
            adapter.pushRoomCmd(text(MessageSource.ROOM, 2002, 32, "{\"action\":\"ban\"}"));
            adapter.pushGroupCmd(text(MessageSource.GROUP, 1001, 32, "x"));
            adapter.pushRoomChat(text(MessageSource.ROOM, 2001, 30, "x"));
            adapter.pushP2PChat(text(MessageSource.P2P, 3001, 30, "nobody listens to P2P chat"));
            adapter.pushEvent(new RtmEvent(11000001, "login", 5, 1, "", "d1"));
            adapter.pushEvent(new RtmEvent(11000001, "logout", 6, 1, "", "d2"));

            assertThat(recording.calls).containsExactly("anyGroupChat:1001", "anyGroupChat:1002",
                    "vipGroupChat:1002:vip", "supportInbox:P2P_FILE:3002:20", "supportInbox:P2P_MESSAGE:3001:3",
                    "roomCommand:kick", "twoTypes", "twoTypes", "anyEvent:login:d1", "login:5",
                    "anyEvent:logout:d2"); // methods matching one push run in the order of their ids
        });
    }

    @Test
    void listenerIdsJoinTheDeclaredListenSet() {
        this.runner.withUserConfiguration(RecordingConfiguration.class).run((context) -> {
            ListenState declared = context.getBean(RtmListenerEndpointRegistry.class).getDeclaredListens();
            assertThat(declared.groups()).containsExactly(1002L);
            assertThat(declared.users()).containsExactlyInAnyOrder(3001L, 3002L);
            assertThat(declared.rooms()).containsExactly(2001L);
            assertThat(declared.events()).containsExactly("login");
            assertThat(context.getBean(RtmListenerEndpointRegistry.class).getListenerIds())
                .contains("recording.vipGroupChat(RtmMessage,String)");
        });
    }

    @Test
    void aFailingListenerGoesToTheErrorHandlerAndOthersKeepWorking() {
        this.runner.withUserConfiguration(RecordingConfiguration.class, ErrorHandlerConfiguration.class)
            .run((context) -> {
                RtmPushMonitorAdapter adapter = context.getBean(RtmPushMonitorAdapter.class);
                Listeners.Recording recording = context.getBean(Listeners.Recording.class);
                ErrorHandlerConfiguration errors = context.getBean(ErrorHandlerConfiguration.class);
                RtmMessage message = RtmMessage.builder(MessageSource.GROUP).toId(1).messageId(77).messageType(1)
                    .text("x").build();

                adapter.pushGroupMessage(message);

                assertThat(recording.calls).containsExactly("alsoReceivesGroupMessages:77");
                assertThat(errors.failures).hasSize(1);
                Failure failure = errors.failures.get(0);
                assertThat(failure.exception()).hasMessage("listener failure 77");
                assertThat(failure.push()).isSameAs(message);
                assertThat(failure.method().getName()).isEqualTo("fails");
            });
    }

    @Test
    void conversionFailuresGoToTheErrorHandler() {
        this.runner.withUserConfiguration(RecordingConfiguration.class, ErrorHandlerConfiguration.class)
            .run((context) -> {
                context.getBean(RtmPushMonitorAdapter.class)
                    .pushRoomCmd(text(MessageSource.ROOM, 2001, 32, "not json"));
                assertThat(context.getBean(ErrorHandlerConfiguration.class).failures).singleElement()
                    .satisfies((failure) -> assertThat(failure.method().getName()).isEqualTo("roomCommand"));
            });
    }

    @Test
    void convertsJsonToTheParameterType() {
        this.runner.withUserConfiguration(JsonConfiguration.class).run((context) -> {
            context.getBean(RtmPushMonitorAdapter.class)
                .pushRoomCmd(text(MessageSource.ROOM, 1, 32, "{\"item\":\"sword\",\"quantity\":2}"));
            assertThat(context.getBean(Listeners.JsonListener.class).orders)
                .containsExactly(new Listeners.Order("sword", 2));
        });
    }

    @Test
    void monitorBeansReceiveEveryPushAndConnectionEventsArePublished() {
        this.runner.withUserConfiguration(MonitorConfiguration.class).run((context) -> {
            RtmPushMonitorAdapter adapter = context.getBean(RtmPushMonitorAdapter.class);
            MonitorConfiguration monitor = context.getBean(MonitorConfiguration.class);
            adapter.pushRoomFile(text(MessageSource.ROOM, 5, 41, "{}"));
            adapter.pushEvent(new RtmEvent(1, "logout", 2, 3, "", ""));
            adapter.connected("gateway:1", true, true);
            adapter.closed("gateway:1", true, true);
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
        });
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
    void rejectsAPlaceholderThatIsNotANumber() {
        assertRejected(Listeners.NotANumber.class, "resolves to 'lobby', which is not a number");
    }

    private void assertRejected(Class<?> listener, String problem) {
        this.runner.withBean(listener).run((context) -> assertThat(context).hasFailed()
            .getFailure()
            .rootCause()
            .hasMessageContaining("Invalid @RtmListener method " + listener.getName() + ".bad(")
            .hasMessageContaining(problem));
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
    static class MonitorConfiguration implements RtmServerPushMonitor, ApplicationListener<org.springframework.context.ApplicationEvent> {

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
        public void onApplicationEvent(org.springframework.context.ApplicationEvent event) {
            if (event instanceof RtmConnectedEvent || event instanceof RtmDisconnectedEvent) {
                this.events.add(event);
            }
        }
    }
}
