package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.health.RtmConnectionActivity;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthContributorAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthIndicator;
import io.rtm.spring.boot.autoconfigure.metrics.RtmClientMetrics;
import io.rtm.spring.boot.autoconfigure.metrics.RtmMetricsAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.observation.ObservationRtmListenerInterceptor;
import io.rtm.spring.boot.autoconfigure.observation.RtmObservationAutoConfiguration;
import io.rtm.spring.listener.RtmListenerInterceptor;
import io.rtm.spring.listener.RtmPushDispatcher;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/** Wiring of the health, metrics and observation auto-configurations, with and without their libraries. */
class RtmObservabilityAutoConfigurationTests {

    static final String SECRET = RtmAutoConfigurationTests.SECRET;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class,
                RtmHealthContributorAutoConfiguration.class, RtmMetricsAutoConfiguration.class,
                RtmObservationAutoConfiguration.class))
        .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                "rtm.project-id=11000001", "rtm.secret-key=" + SECRET, "rtm.reconnect.enabled=false",
                "rtm.connect-timeout=2s");

    /** With Spring Boot's metrics and observation auto-configurations, as an application with the actuator has. */
    private final ApplicationContextRunner withBootMetrics = this.runner
        .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
                ObservationAutoConfiguration.class));

    @Test
    void healthIndicatorIsDownWithoutAConnectionAndNeverShowsTheSecret() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(RtmHealthIndicator.class)
                .hasSingleBean(RtmConnectionActivity.class)
                .hasBean("rtmHealthIndicator");
            Health health = context.getBean(RtmHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            RtmServerClient client = context.getBean(RtmServerClient.class);
            assertThat(health.getDetails()).containsEntry("endpoint", client.endpoint().toString())
                .containsEntry("connected", false)
                .containsEntry("reconnects", 0L)
                .doesNotContainKeys("connectedSince", "lastPush")
                .containsKey("listen");
            assertThat(health.getDetails().get("listen")).isEqualTo(Map.of("groups", 0, "rooms", 0, "users", 0,
                    "events", 0, "allP2p", false, "allGroups", false, "allRooms", false, "allEvents", false));
            assertThat(health.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void healthIndicatorCanBeTurnedOff() {
        this.runner.withPropertyValues("management.health.rtm.enabled=false")
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(RtmServerClient.class)
                .doesNotHaveBean(RtmHealthIndicator.class));
    }

    @Test
    void healthIndicatorBacksOffForTheApplicationsOwn() {
        this.runner.withBean("rtmHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RtmHealthIndicator.class));
    }

    @Test
    void nothingObservedWithoutTheClient() {
        this.runner.withPropertyValues("rtm.enabled=false")
            .withBean(SimpleMeterRegistry.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(RtmServerClient.class)
                .doesNotHaveBean(RtmHealthIndicator.class)
                .doesNotHaveBean(RtmClientMetrics.class)
                .doesNotHaveBean(RtmListenerInterceptor.class));
    }

    @Test
    void metersAndTheListenerObservationWithBootMetrics() {
        this.withBootMetrics.run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(RtmClientMetrics.class)
                .hasSingleBean(ObservationRtmListenerInterceptor.class)
                .hasSingleBean(RtmHealthIndicator.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("rtm.pushes").tag("type", "GROUP_CHAT").counter()).isNotNull();
            assertThat(registry.find("rtm.reconnects").counter()).isNotNull();
            context.getBean(RtmClientMetrics.class).pushFailed(RtmPushType.GROUP_CHAT);
            assertThat(registry.get("rtm.pushes.failed").tag("type", "GROUP_CHAT").counter().count()).isOne();
            assertThat(registry.find("rtm.dispatch.queue").gauge()).isNotNull();
            assertThat(registry.find("rtm.dispatch.queue").gauge().value()).isZero();
            // the dispatcher got the interceptor
            assertThat(context.getBean(RtmPushDispatcher.class)).extracting("interceptors")
                .asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsExactly(context.getBean(ObservationRtmListenerInterceptor.class));
        });
    }

    @Test
    void aMeterRegistryWithoutObservationRegistryStillTimesListeners() {
        this.runner.withBean(SimpleMeterRegistry.class).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(RtmClientMetrics.class)
                .hasSingleBean(ObservationRtmListenerInterceptor.class)
                .doesNotHaveBean(ObservationRegistry.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(ObservationRtmListenerInterceptor.class)
                .intercept(invocation("app.onChat(RtmMessage)", () -> {
                }));
            assertThat(registry.get("rtm.listener").tag("listener", "app.onChat(RtmMessage)")
                .tag("outcome", "SUCCESS").timer().count()).isOne();
        });
    }

    @Test
    void listenerCallsInProgressAreTheActiveLongTaskTimer() {
        this.withBootMetrics.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            List<Integer> activeDuringTheCall = new CopyOnWriteArrayList<>();
            context.getBean(ObservationRtmListenerInterceptor.class)
                .intercept(invocation("app.onChat(RtmMessage)", () -> activeDuringTheCall.add(registry
                    .get("rtm.listener.active").tag("listener", "app.onChat(RtmMessage)").longTaskTimer()
                    .activeTasks())));
            assertThat(activeDuringTheCall).containsExactly(1);
            assertThat(registry.get("rtm.listener.active").tag("listener", "app.onChat(RtmMessage)")
                .longTaskTimer().activeTasks()).isZero();
        });
    }

    @Test
    void anObservationRegistryAloneGetsTheListenerObservation() {
        this.runner.withBean(ObservationRegistry.class, ObservationRegistry::create)
            .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(ObservationRtmListenerInterceptor.class)
                .doesNotHaveBean(RtmClientMetrics.class));
    }

    @Test
    void startsWithoutTheActuator() {
        this.withBootMetrics.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(RtmServerClient.class)
                .hasSingleBean(RtmClientMetrics.class)
                .doesNotHaveBean(RtmHealthIndicator.class)
                .doesNotHaveBean(RtmConnectionActivity.class));
    }

    @Test
    void startsWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
            .run((context) -> {
                assertThat(context).hasNotFailed()
                    .hasSingleBean(RtmServerClient.class)
                    .hasSingleBean(RtmHealthIndicator.class)
                    .doesNotHaveBean(RtmClientMetrics.class)
                    .doesNotHaveBean(RtmListenerInterceptor.class);
                assertThat(context.getBean(RtmPushDispatcher.class)).extracting("interceptors")
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .isEmpty();
            });
    }

    @Test
    void startsWithNeither() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.health"))
            .run((context) -> assertThat(context).hasNotFailed()
                .hasSingleBean(RtmServerClient.class)
                .doesNotHaveBean(RtmHealthIndicator.class)
                .doesNotHaveBean(RtmClientMetrics.class)
                .doesNotHaveBean(RtmListenerInterceptor.class));
    }

    @Test
    void metricsBackOffForTheApplicationsOwn() {
        this.runner.withBean(SimpleMeterRegistry.class)
            .withUserConfiguration(UserMetricsConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed()
                .getBean(RtmClientMetrics.class)
                .isSameAs(context.getBean("userMetrics")));
    }

    @Test
    void everyObserverBeanSeesTheHooksAndAFailingOneDoesNotStopTheOthers() {
        List<String> seen = new CopyOnWriteArrayList<>();
        RtmClientObserver failing = new RtmClientObserver() {
            @Override
            public void pushReceived(RtmPushType type) {
                throw new IllegalStateException("observer failure");
            }
        };
        RtmClientObserver recording = new RtmClientObserver() {
            @Override
            public void pushReceived(RtmPushType type) {
                seen.add("push:" + type);
            }

            @Override
            public void questCompleted(String method, Duration elapsed, int errorCode) {
                seen.add("quest:" + method + ":" + errorCode);
            }
        };
        RtmClientObserver composite = CompositeRtmClientObserver.of(List.of(failing, recording));
        composite.pushReceived(RtmPushType.ROOM_CMD);
        composite.questCompleted("addlisten", Duration.ofMillis(3), 0);
        assertThat(seen).containsExactly("push:ROOM_CMD", "quest:addlisten:0");
        assertThat(CompositeRtmClientObserver.of(List.of())).isSameAs(RtmClientObserver.NONE);
        assertThat(CompositeRtmClientObserver.of(List.of(recording))).isSameAs(recording);
    }

    @Test
    void connectionActivityFollowsTheConnectionAndPushes() {
        RtmConnectionActivity activity = new RtmConnectionActivity();
        assertThat(activity.connectedSince()).isNull();
        assertThat(activity.lastPush()).isNull();
        activity.connected(false);
        assertThat(activity.connectedSince()).isNotNull();
        activity.disconnected(true);
        assertThat(activity.connectedSince()).isNull();
        activity.connected(true);
        assertThat(activity.reconnects()).isOne();
        activity.pushReceived(RtmPushType.EVENT);
        assertThat(activity.lastPush()).isNotNull();
    }

    private static RtmListenerInterceptor.Invocation invocation(String id, Runnable call) {
        return new RtmListenerInterceptor.Invocation() {
            @Override
            public String listenerId() {
                return id;
            }

            @Override
            public Method method() {
                return null;
            }

            @Override
            public Object push() {
                return "push";
            }

            @Override
            public List<Object> arguments() {
                return null;
            }

            @Override
            public Object result() {
                return null;
            }

            @Override
            public void proceed() {
                call.run();
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class UserMetricsConfiguration {

        @Bean
        RtmClientMetrics userMetrics(MeterRegistry registry) {
            return new RtmClientMetrics(registry);
        }
    }
}
