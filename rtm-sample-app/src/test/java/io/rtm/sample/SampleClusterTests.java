package io.rtm.sample;

import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code cluster} profile: two instances on one gateway and one database, the leader's listeners receive
 * the conversations both play, the standby's nothing, until the leader goes.
 */
class SampleClusterTests {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final RtmTestServer gateway = RtmTestServer.builder().build().start();

    // in memory rather than the profile's file, which a test must not leave behind
    private final String database = "jdbc:h2:mem:rtm-sample-cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        gateway.close();
    }

    @Test
    void oneInstanceListensAndTheOtherTakesOver() {
        for (int i = 0; i < 2; i++) {
            instances.add(new SpringApplicationBuilder(SampleApplication.class).profiles("cluster")
                    .run("--rtm.endpoint=" + gateway.endpoint(), "--spring.datasource.url=" + database,
                            "--sample.driver.interval=200ms"));
        }
        await().atMost(WAIT).until(() -> instances.stream().filter(SampleClusterTests::leads).count() == 1);
        ConfigurableApplicationContext leader = instances.stream().filter(SampleClusterTests::leads).findFirst()
                .orElseThrow();
        ConfigurableApplicationContext standby = instances.get(instances.get(0) == leader ? 1 : 0);

        await().atMost(WAIT).until(() -> desk(leader).received("group-chat") >= 4);
        assertThat(desk(standby).received("group-chat")).isZero();

        leader.close();
        await().atMost(WAIT).until(() -> desk(standby).received("group-chat") > 0);
        assertThat(leads(standby)).isTrue();
    }

    private static boolean leads(ConfigurableApplicationContext instance) {
        return instance.getBean(RtmClusterLeadership.class).isLeader();
    }

    private static SupportDesk desk(ConfigurableApplicationContext instance) {
        return instance.getBean(SupportDesk.class);
    }
}
