package io.rtm.spring.boot.test.spring;

import java.time.Duration;
import java.util.List;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.boot.test.RtmListenerInvocation;
import io.rtm.spring.boot.test.RtmListenerTest;
import io.rtm.spring.boot.test.RtmListenerTestHarness;
import io.rtm.test.EmbeddedRtmServer;
import io.rtm.test.RtmTestPush;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static io.rtm.test.RtmTestPush.group;
import static io.rtm.test.RtmTestPush.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** The listener test harness against the embedded gateway: every call recorded, waited for by what it got. */
@SpringBootTest(classes = RtmListenerTestHarnessTests.App.class)
@EmbeddedRtmServer
@RtmListenerTest
// closed after the class: other tests in this module check that no client thread is left running
@DirtiesContext
class RtmListenerTestHarnessTests {

    @Autowired
    RtmTestServer gateway;

    @Autowired
    RtmServerClient client;

    @Autowired
    RtmListenerTestHarness harness;

    @BeforeEach
    void connected() {
        await().atMost(RtmListenerTestHarness.DEFAULT_TIMEOUT).until(this.client::isConnected);
    }

    @Test
    void aCallIsWaitedForByWhatItGotAndRecordsArgumentsAndResult() {
        RtmTestPush.Message order = group(1001).from(42).text(51, "{\"id\":\"A-1\",\"quantity\":2}");
        this.gateway.push(group(1001).from(42).text(51, "{\"id\":\"A-0\",\"quantity\":1}"));
        this.gateway.push(order);

        RtmListenerInvocation call = this.harness.awaitInvocation("orders",
                (invocation) -> invocation.message().messageId() == order.mid());

        assertThat(call.succeeded()).isTrue();
        assertThat(call.arguments()).containsExactly(new Order("A-1", 2));
        assertThat(call.result()).isNull();
        assertThat(this.harness.getInvocations("orders")).extracting((invocation) -> invocation.message().text())
            .contains("{\"id\":\"A-0\",\"quantity\":1}", "{\"id\":\"A-1\",\"quantity\":2}");
    }

    @Test
    void aFailedCallRecordsWhatItThrewAndAnEventIsRecordedToo() {
        this.gateway.push(group(1002).from(42).chat("boom"));
        this.gateway.push(login(77));

        RtmListenerInvocation failed = this.harness.awaitInvocation("failing",
                (invocation) -> invocation.message().text().equals("boom"));
        assertThat(failed.succeeded()).isFalse();
        assertThat(failed.failure()).hasMessage("listener failure on boom");
        assertThat(failed.arguments()).containsExactly("boom");

        RtmListenerInvocation presence = this.harness.awaitInvocation("presence",
                (invocation) -> invocation.event().uid() == 77);
        assertThat(presence.event().event()).isEqualTo("login");
    }

    @Test
    void noMatchingCallWithinTheTimeoutFailsListingTheCallsRecorded() {
        this.harness.reset();
        this.gateway.push(group(1001).from(42).text(51, "{\"id\":\"A-9\",\"quantity\":9}"));
        this.harness.awaitInvocation("orders", (invocation) -> true);

        assertThatExceptionOfType(AssertionError.class)
            .isThrownBy(() -> this.harness.awaitInvocation("orders", Duration.ofMillis(200),
                    (invocation) -> invocation.message().text().contains("A-10")))
            .withMessageContaining("No matching call of listener 'orders' within 200 ms")
            .withMessageContaining("A-9");
        assertThat(this.harness.getInvocations()).hasSize(1);
    }

    record Order(String id, int quantity) {
    }

    static class Listeners {

        @RtmListener(id = "orders", value = RtmPushType.GROUP_MESSAGE, groups = "1001")
        void onOrder(Order order) {
        }

        @RtmListener(id = "failing", value = RtmPushType.GROUP_CHAT, groups = "1002")
        void failing(String text) {
            throw new IllegalStateException("listener failure on " + text);
        }

        @RtmListener(id = "presence", value = RtmPushType.EVENT, events = "login")
        void onLogin(RtmEvent event) {
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        Listeners listeners() {
            return new Listeners();
        }
    }
}
