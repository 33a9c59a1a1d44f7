package io.rtm.spring;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.listener.DefaultRtmListenerErrorHandler;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.spring.listener.RtmListenerInterceptor;
import io.rtm.spring.listener.RtmListenerRecoverer;
import io.rtm.test.RtmTestPush;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;

import static io.rtm.test.RtmTestPush.group;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing listener called again with back-off by the default error handler, then recovered, against the
 * embedded gateway: each attempt goes through the interceptors, the conversation waits, and the push is
 * answered once it was handled or recovered.
 */
class RtmListenerRetryTests extends EmbeddedGatewayTests {


    @Test
    void aListenerThatFailsTwiceIsHandledOnItsThirdAttemptAndNotRecovered() {
        try (AnnotationConfigApplicationContext context = start()) {
            Flaky flaky = context.getBean(Flaky.class);
            Retries retries = context.getBean(Retries.class);
            flaky.failures.set(2);

            this.gateway.push(group(1001).from(7).chat("flaky"));
            this.gateway.awaitCondition(WAIT, "handled on the third attempt", () -> flaky.handled.contains("flaky"));
            assertThat(flaky.calls).hasValue(3);
            assertThat(retries.intercepted).hasValue(3);
            assertThat(retries.recovered).isEmpty();
            this.gateway.awaitCondition(WAIT, "answered", () -> this.gateway.pushesAnswered() == 1);
        }
    }

    @Test
    void aListenerThatAlwaysFailsIsRecoveredOnceAfterItsAttemptsAndThenAnswered() throws InterruptedException {
        try (AnnotationConfigApplicationContext context = start()) {
            Flaky flaky = context.getBean(Flaky.class);
            Retries retries = context.getBean(Retries.class);
            flaky.failures.set(Integer.MAX_VALUE);
            retries.holdRecovery = new CountDownLatch(1);

            RtmTestPush.Message failing = group(1001).from(7).chat("always fails");
            this.gateway.push(failing);
            this.gateway.push(group(1001).from(7).chat("next"));
            assertThat(retries.recovering.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(flaky.calls).as("the conversation's next push waits for the recovery").hasValue(3);
            assertThat(this.gateway.pushesAnswered()).as("answered before it was recovered").isZero();

            flaky.failures.set(0);
            retries.holdRecovery.countDown();
            this.gateway.awaitCondition(WAIT, "both answered", () -> this.gateway.pushesAnswered() == 2);
            assertThat(retries.recovered).singleElement().satisfies((recovered) -> {
                assertThat(recovered.push().messageId()).isEqualTo(failing.mid());
                assertThat(recovered.exception()).hasMessage("failure 3 of always fails");
                assertThat(recovered.method().getName()).isEqualTo("onChat");
            });
            assertThat(flaky.handled).containsExactly("next");
        }
    }

    private AnnotationConfigApplicationContext start() {
        return start(Map.of(), Flaky.class, Retries.class);
    }

    record Recovered(Exception exception, RtmMessage push, Method method) {
    }

    @Configuration(proxyBeanMethods = false)
    static class Flaky {

        final AtomicInteger failures = new AtomicInteger();

        final AtomicInteger calls = new AtomicInteger();

        final List<String> handled = new CopyOnWriteArrayList<>();

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "1001")
        void onChat(String text) {
            int call = this.calls.incrementAndGet();
            if (this.failures.getAndDecrement() > 0) {
                throw new IllegalStateException("failure " + call + " of " + text);
            }
            this.handled.add(text);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Retries {

        final AtomicInteger intercepted = new AtomicInteger();

        final List<Recovered> recovered = new CopyOnWriteArrayList<>();

        final CountDownLatch recovering = new CountDownLatch(1);

        volatile CountDownLatch holdRecovery = new CountDownLatch(0);

        @Bean
        RtmListenerInterceptor countingInterceptor() {
            return (invocation) -> {
                this.intercepted.incrementAndGet();
                invocation.proceed();
            };
        }

        @Bean
        RtmListenerRecoverer recorder() {
            return (exception, push, method) -> {
                this.recovering.countDown();
                try {
                    this.holdRecovery.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                this.recovered.add(new Recovered(exception, (RtmMessage) push, method));
            };
        }

        @Bean
        RtmListenerErrorHandler retrying(RtmListenerRecoverer recoverer) {
            return new DefaultRtmListenerErrorHandler(
                    RetryPolicy.builder().maxRetries(2).delay(Duration.ofMillis(20)).build(), recoverer);
        }
    }
}
