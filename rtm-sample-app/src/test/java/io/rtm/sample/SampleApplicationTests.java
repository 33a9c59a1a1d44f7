package io.rtm.sample;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.listener.RtmListenerInterceptor;
import io.rtm.test.RtmTestServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = "sample.driver.interval=1s")
// started before the context, so that it captures the context's startup
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

    @Autowired
    private SupportDesk supportDesk;

    @Autowired
    private RtmTestServer localGateway;

    @Autowired
    private RtmServerClient client;

    @Autowired
    private DeadLetterStore deadLetterStore;

    @Autowired
    private CallCounter calls;

    @Value("${rtm.listener.retry.max-attempts}")
    private int maxAttempts;

    @Test
    void everyListenerReceivesItsScriptedPushes() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(supportDesk.received("group-chat")).isPositive();
            assertThat(supportDesk.received("support-command")).isPositive();
            assertThat(supportDesk.received("room-file")).isPositive();
            assertThat(supportDesk.received("room-data")).isPositive();
            assertThat(supportDesk.received("order")).isPositive();
            assertThat(supportDesk.received("login")).isPositive();
            assertThat(supportDesk.received("logout")).isPositive();
        });
    }

    @Test
    void anInvalidOrderIsTriedAgainThenKeptAsADeadLetterAndValidOrdersStillArrive(CapturedOutput output) {
        // the driver sends the first invalid order in its third round, about two seconds in
        await().atMost(Duration.ofSeconds(15)).until(() -> !deadLetterStore.deadLetters().isEmpty());
        DeadLetter letter = deadLetterStore.deadLetters().get(0);
        assertThat(letter.method().getName()).isEqualTo("onOrder");
        assertThat(letter.push()).isInstanceOfSatisfying(RtmMessage.class, (message) -> {
            assertThat(message.toId()).isEqualTo(1001L);
            assertThat(message.text()).contains("\"quantity\":0");
        });
        assertThat(letter.error()).contains("has quantity 0");
        assertThat(calls.of(letter.push())).as("calls of onOrder with the invalid order").isEqualTo(maxAttempts);
        assertThat(output).contains("Dead letter: SupportDesk.onOrder failed on RtmMessage{");

        // its conversation goes on: the valid orders after it arrive
        int validOrders = supportDesk.received("order");
        await().atMost(Duration.ofSeconds(10)).until(() -> supportDesk.received("order") > validOrders);
    }

    @Test
    void theTwoClientsConnectionsAreToldApartInTheLog(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        // Spring Boot's console pattern shows the thread: the starter's client and the driver's have their own
        assertThat(output).containsPattern("\\[\\s*rtm-io-[\\d-]+\\] .* Connected to RTM gateway")
                .containsPattern("\\[\\s*driver-io-[\\d-]+\\] .* Connected to RTM gateway")
                .contains("Traffic driver connected with its own client");
    }

    @Test
    void listensToTheYamlSetAndTheListenerIds() {
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(client.listenState().groups()).containsExactly(1001L);
        assertThat(client.listenState().rooms()).containsExactly(2001L);
        assertThat(client.listenState().users()).containsExactly(3001L);
        assertThat(client.listenState().events()).containsExactlyInAnyOrder("login", "logout");
        assertThat(localGateway.connections()).anySatisfy(connection ->
                assertThat(connection.listenState().uids()).isEqualTo(Set.of(3001L)));
    }

    /** Adds the {@link CallCounter} to the sample's context. */
    @TestConfiguration(proxyBeanMethods = false)
    static class CallCounting {

        @Bean
        CallCounter callCounter() {
            return new CallCounter();
        }
    }

    /** Counts the calls of the order listener per push: each attempt goes through the interceptors. */
    static final class CallCounter implements RtmListenerInterceptor {

        private final Map<Object, AtomicInteger> calls = new ConcurrentHashMap<>();

        @Override
        public void intercept(Invocation invocation) throws Exception {
            if (invocation.method().getName().equals("onOrder")) {
                calls.computeIfAbsent(invocation.push(), (push) -> new AtomicInteger()).incrementAndGet();
            }
            invocation.proceed();
        }

        int of(Object push) {
            @Nullable AtomicInteger count = calls.get(push);
            return count == null ? 0 : count.get();
        }
    }
}
