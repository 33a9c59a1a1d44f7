package io.rtm.spring.boot.autoconfigure.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to add when a cluster member has no lock registry to elect its leader with. */
final class NoLockRegistryFailureAnalyzer extends AbstractFailureAnalyzer<NoLockRegistryException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoLockRegistryException cause) {
        return new FailureAnalysis(cause.getMessage() + ": the instances cannot elect the one that listens.",
                "Add org.springframework.integration:spring-integration-jdbc and a DataSource (for example"
                        + " spring-boot-starter-jdbc and the database's driver): the starter then builds a JDBC lock"
                        + " registry on it. Or define a LockRegistry bean, such as a RedisLockRegistry"
                        + " (spring-integration-redis) or a ZookeeperLockRegistry (spring-integration-zookeeper),"
                        + " @Primary if there are several. Or set rtm.cluster.enabled=false.",
                cause);
    }
}
