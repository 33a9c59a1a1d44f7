package io.rtm.spring.boot.autoconfigure.cluster;

import java.time.Duration;
import java.util.Map;

import javax.sql.DataSource;

import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.RtmClientCustomizer;
import io.rtm.spring.boot.autoconfigure.RtmProperties;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.DatabaseInitializationProperties;
import org.springframework.boot.jdbc.init.PropertiesBasedDataSourceScriptDatabaseInitializer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.jdbc.lock.LockRepository;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.StringUtils;

/**
 * Several instances, one listening ({@code rtm.cluster.enabled=true}): every instance connects with listening
 * suspended, and {@link RtmClusterLeadership} resumes it on the one that wins Spring Integration's leader
 * election over the application's {@link LockRegistry}. Without a {@code LockRegistry} bean, one is built on
 * the application's {@link DataSource} ({@link JdbcLockRegistry}, with {@code rtm.cluster.lock-ttl}), its
 * table created from Spring Integration's schema scripts as {@code spring.integration.jdbc.initialize-schema}
 * says (embedded databases by default), unless Spring Boot's own Spring Integration auto-configuration does
 * that already. Spring Integration is optional: its classes are only loaded by the nested configurations that
 * check for them, and without them, or without a lock registry, the application does not start.
 */
@AutoConfiguration(after = RtmAutoConfiguration.class,
        afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
                "org.springframework.boot.integration.autoconfigure.IntegrationAutoConfiguration" })
@ConditionalOnBooleanProperty("rtm.cluster.enabled")
@ConditionalOnBean(RtmServerClient.class)
public final class RtmClusterAutoConfiguration {

    /** The leader election, when Spring Integration is there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(LockRegistryLeaderInitiator.class)
    static class LeaderElectionConfiguration {

        // first: an application's customizer may still decide otherwise, at its own risk
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        @ConditionalOnMissingBean(name = "rtmClusterClientCustomizer")
        RtmClientCustomizer rtmClusterClientCustomizer() {
            return (builder) -> builder.listeningSuspended(true);
        }

        @Bean
        @ConditionalOnMissingBean
        RtmClusterLeadership rtmClusterLeadership(RtmServerClient client, RtmProperties properties,
                ObjectProvider<LockRegistry<?>> lockRegistries, ApplicationEventPublisher publisher) {
            RtmProperties.Cluster cluster = properties.getCluster();
            Duration retryInterval = positive("rtm.cluster.retry-interval", cluster.getRetryInterval());
            Duration lockTtl = positive("rtm.cluster.lock-ttl", cluster.getLockTtl());
            if (lockTtl.compareTo(retryInterval) <= 0) {
                throw new InvalidConfigurationPropertyValueException("rtm.cluster.lock-ttl", lockTtl,
                        "it must be longer than rtm.cluster.retry-interval (" + retryInterval + "), or the lock"
                                + " expires between two renewals and the leader changes for nothing");
            }
            if (!StringUtils.hasText(cluster.getRole())) {
                throw new InvalidConfigurationPropertyValueException("rtm.cluster.role", cluster.getRole(),
                        "the lock key must not be empty");
            }
            LockRegistry<?> locks = lockRegistries.getIfUnique();
            if (locks == null) {
                long found = lockRegistries.stream().count();
                throw new NoLockRegistryException((found == 0) ? "there is no LockRegistry bean"
                        : "there are " + found + " LockRegistry beans and none is @Primary");
            }
            return new RtmClusterLeadership(client, locks, cluster.getRole(), retryInterval, lockTtl, publisher);
        }

        private static Duration positive(String property, @Nullable Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new InvalidConfigurationPropertyValueException(property, value, "it must be positive");
            }
            return value;
        }
    }

    /** A lock registry on the application's database, unless the application has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({ LockRegistryLeaderInitiator.class, JdbcLockRegistry.class,
            DataSourceScriptDatabaseInitializer.class })
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnMissingBean(LockRegistry.class)
    static class JdbcLockRegistryConfiguration {

        private static final String BOOT_INTEGRATION_SCHEMA_INITIALIZER =
                "org.springframework.boot.integration.autoconfigure.IntegrationDataSourceScriptDatabaseInitializer";

        @Bean
        @ConditionalOnMissingBean(LockRepository.class)
        DefaultLockRepository rtmLockRepository(DataSource dataSource) {
            DefaultLockRepository repository = new DefaultLockRepository(dataSource);
            // its own local transactions, whatever transaction managers the application has
            repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
            return repository;
        }

        @Bean
        @ConditionalOnMissingBean(LockRegistry.class)
        JdbcLockRegistry rtmLockRegistry(LockRepository repository, RtmProperties properties) {
            return new JdbcLockRegistry(repository, properties.getCluster().getLockTtl());
        }

        /** The tables of Spring Integration, as Boot's {@code spring.integration.jdbc.*} says, unless Boot does it. */
        @Bean
        @ConditionalOnMissingBean(name = "rtmLockSchemaInitializer", type = BOOT_INTEGRATION_SCHEMA_INITIALIZER)
        DataSourceScriptDatabaseInitializer rtmLockSchemaInitializer(DataSource dataSource, Environment environment) {
            LockSchemaProperties schema = Binder.get(environment)
                .bindOrCreate("spring.integration.jdbc", LockSchemaProperties.class);
            // Spring Integration has no MariaDB script of its own; Boot maps it the same way
            return new PropertiesBasedDataSourceScriptDatabaseInitializer<>(dataSource, schema,
                    Map.of(DatabaseDriver.MARIADB, "mysql"));
        }

        /** {@code spring.integration.jdbc.*}: the settings of Boot's own initializer of these tables. */
        static final class LockSchemaProperties extends DatabaseInitializationProperties {

            @Override
            public String getDefaultSchemaLocation() {
                return "classpath:org/springframework/integration/jdbc/schema-@@platform@@.sql";
            }
        }
    }

    /** Without Spring Integration there is no election: the application does not start. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass("org.springframework.integration.support.leader.LockRegistryLeaderInitiator")
    static class NoLeaderElectionConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RtmClusterMember rtmClusterLeadership() {
            throw new NoLockRegistryException("Spring Integration (spring-integration-core) is not on the class path");
        }
    }
}
