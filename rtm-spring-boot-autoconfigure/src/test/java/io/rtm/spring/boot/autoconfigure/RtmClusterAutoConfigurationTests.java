package io.rtm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterMember;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterRole;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterRoleChangedEvent;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthContributorAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthIndicator;
import io.rtm.spring.boot.autoconfigure.metrics.RtmMetricsAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration;
import org.springframework.boot.integration.autoconfigure.IntegrationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.jdbc.lock.LockRepository;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code rtm.cluster.*}: the leader election on the application's lock registry, or a JDBC one built on its
 * database; with Spring Integration optional.
 */
class RtmClusterAutoConfigurationTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContextRunner withoutDatabase = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class, RtmClusterAutoConfiguration.class,
                RtmHealthContributorAutoConfiguration.class, RtmMetricsAutoConfiguration.class))
        .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                "rtm.project-id=11000001", "rtm.secret-key=" + RtmAutoConfigurationTests.SECRET,
                "rtm.reconnect.enabled=false", "rtm.connect-timeout=2s");

    /** An application with an embedded database. */
    private final ApplicationContextRunner runner = this.withoutDatabase
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class));

    private final ApplicationContextRunner cluster = this.runner.withPropertyValues("rtm.cluster.enabled=true");

    private final ApplicationContextRunner clusterWithoutDatabase = this.withoutDatabase
        .withPropertyValues("rtm.cluster.enabled=true");

    @Test
    void offByDefault() {
        this.runner.run((context) -> {
            assertThat(context).hasNotFailed()
                .doesNotHaveBean(RtmClusterLeadership.class)
                .doesNotHaveBean(LockRegistry.class)
                .doesNotHaveBean(DataSourceScriptDatabaseInitializer.class);
            assertThat(context.getBean(RtmServerClient.class).isListeningSuspended()).isFalse();
        });
    }

    @Test
    void aDatabaseIsEnoughTheJdbcLockRegistryAndItsTableAreMadeOnIt() {
        this.cluster.withBean(RoleEvents.class).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(RtmClusterLeadership.class)
                .hasSingleBean(JdbcLockRegistry.class)
                .hasSingleBean(LockRepository.class)
                .hasBean("rtmLockSchemaInitializer");
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM INT_LOCK", Integer.class)).isNotNull();
            RtmClusterLeadership leadership = context.getBean(RtmClusterLeadership.class);
            assertThat(leadership.lockKey()).isEqualTo("rtm");
            // alone, it leads; with nobody connected its listening resumes for the next connection
            await().atMost(WAIT).until(leadership::isLeader);
            assertThat(context.getBean(RtmServerClient.class).isListeningSuspended()).isFalse();
            assertThat(context.getBean(RoleEvents.class).roles).containsExactly(RtmClusterRole.LEADER);
            context.stop();
            assertThat(leadership.role()).isEqualTo(RtmClusterRole.STANDBY);
            assertThat(context.getBean(RtmServerClient.class).isListeningSuspended()).isTrue();
            assertThat(context.getBean(RoleEvents.class).roles)
                .containsExactly(RtmClusterRole.LEADER, RtmClusterRole.STANDBY);
        });
    }

    @Test
    void aStandbyIsConnectedWithListeningSuspended() {
        this.cluster.withBean(LockRegistry.class, RtmClusterAutoConfigurationTests::heldElsewhere)
            .withPropertyValues("rtm.cluster.role=orders")
            .withBean(SimpleMeterRegistry.class)
            .run((context) -> {
                assertThat(context).hasNotFailed().doesNotHaveBean(JdbcLockRegistry.class);
                RtmClusterLeadership leadership = context.getBean(RtmClusterLeadership.class);
                assertThat(leadership.lockKey()).isEqualTo("orders");
                assertThat(leadership.role()).isEqualTo(RtmClusterRole.STANDBY);
                assertThat(context.getBean(RtmServerClient.class).isListeningSuspended()).isTrue();
                assertThat(context.getBean(RtmHealthIndicator.class).health().getDetails())
                    .containsEntry("role", "standby")
                    .containsEntry("roleSince", leadership.roleSince().toString());
                assertThat(leaderGauge(context)).isZero();
            });
    }

    @Test
    void theSchemaFollowsBootsSpringIntegrationSetting() {
        // not created: Spring Integration's own check of the table then stops the start
        this.cluster.withPropertyValues("spring.integration.jdbc.initialize-schema=never")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("INT_LOCK"));
    }

    @Test
    void bootsOwnSpringIntegrationInitializerIsNotDoubled() {
        this.cluster.withConfiguration(AutoConfigurations.of(IntegrationAutoConfiguration.class)).run((context) -> {
            assertThat(context).hasNotFailed()
                .hasSingleBean(IntegrationDataSourceScriptDatabaseInitializer.class)
                .hasSingleBean(DataSourceScriptDatabaseInitializer.class)
                .doesNotHaveBean("rtmLockSchemaInitializer")
                .hasSingleBean(JdbcLockRegistry.class);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM INT_LOCK", Integer.class)).isNotNull();
        });
    }

    @Test
    void withoutALockRegistryStartupFailsSayingWhatToAdd() {
        this.clusterWithoutDatabase.run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("rtm.cluster.enabled", "no LockRegistry bean");
            assertThat(analysis.getAction()).contains("spring-integration-jdbc", "DataSource", "RedisLockRegistry",
                    "ZookeeperLockRegistry", "rtm.cluster.enabled=false");
        });
        this.cluster.withClassLoader(new FilteredClassLoader(JdbcLockRegistry.class))
            .run((context) -> assertThat(analysis(context).getDescription()).contains("no LockRegistry bean"));
        this.cluster.withBean("one", LockRegistry.class, DefaultLockRegistry::new)
            .withBean("two", LockRegistry.class, DefaultLockRegistry::new)
            .run((context) -> assertThat(analysis(context).getDescription())
                .contains("2 LockRegistry beans and none is @Primary"));
    }

    @Test
    void springIntegrationIsOptional() {
        FilteredClassLoader withoutSpringIntegration = new FilteredClassLoader("org.springframework.integration");
        this.runner.withClassLoader(withoutSpringIntegration)
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(RtmClusterMember.class));
        this.clusterWithoutDatabase.withClassLoader(withoutSpringIntegration).run((context) -> {
            FailureAnalysis analysis = analysis(context);
            assertThat(analysis.getDescription()).contains("Spring Integration", "not on the class path");
            assertThat(analysis.getAction()).contains("spring-integration-jdbc");
        });
    }

    @Test
    void theLockMustOutliveTheRetryInterval() {
        assertInvalid(this.cluster.withPropertyValues("rtm.cluster.lock-ttl=500ms"), "rtm.cluster.lock-ttl",
                "longer than rtm.cluster.retry-interval");
        assertInvalid(this.cluster.withPropertyValues("rtm.cluster.retry-interval=0s"),
                "rtm.cluster.retry-interval", "positive");
        assertInvalid(this.cluster.withPropertyValues("rtm.cluster.role="), "rtm.cluster.role", "empty");
    }

    @Test
    void healthAndTheGaugeTellTheLeader() {
        this.cluster.withBean(SimpleMeterRegistry.class).run((context) -> {
            assertThat(context).hasNotFailed();
            RtmClusterLeadership leadership = context.getBean(RtmClusterLeadership.class);
            await().atMost(WAIT).until(leadership::isLeader);
            assertThat(context.getBean(RtmHealthIndicator.class).health().getDetails())
                .containsEntry("role", "leader")
                .containsEntry("roleSince", leadership.roleSince().toString());
            assertThat(leaderGauge(context)).isEqualTo(1.0);
        });
    }

    private static double leaderGauge(AssertableApplicationContext context) {
        SimpleMeterRegistry registry = context.getBean(SimpleMeterRegistry.class);
        context.getBean("rtmClusterMetrics", MeterBinder.class).bindTo(registry);
        return registry.get("rtm.cluster.leader").gauge().value();
    }

    /** A registry whose one lock another thread holds for good: whoever uses it stands by. */
    private static LockRegistry<Lock> heldElsewhere() {
        ReentrantLock lock = new ReentrantLock();
        Thread holder = new Thread(lock::lock);
        holder.start();
        try {
            holder.join();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return (key) -> lock;
    }

    /** Boot's own analyzer of the exception reports the property, its value and the reason. */
    private static void assertInvalid(ApplicationContextRunner runner, String property, String reason) {
        runner.run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (invalid) -> {
                    assertThat(invalid.getName()).isEqualTo(property);
                    assertThat(invalid.getReason()).contains(reason);
                });
        });
    }

    /** The analysis of the startup failure by the analyzers registered in spring.factories. */
    private static FailureAnalysis analysis(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        // Boot's own analyzers need constructor arguments; this module's do not
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
            .load(FailureAnalyzer.class, null, FailureHandler.handleMessage((message, failure) -> {
            }))) {
            FailureAnalysis analysis = analyzer.analyze(context.getStartupFailure());
            if (analysis != null) {
                return analysis;
            }
        }
        throw new AssertionError("no analysis of " + context.getStartupFailure());
    }

    /** Records the role changes, in order. */
    static class RoleEvents implements ApplicationListener<RtmClusterRoleChangedEvent> {

        final List<RtmClusterRole> roles = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(RtmClusterRoleChangedEvent event) {
            this.roles.add(event.getRole());
        }
    }
}
