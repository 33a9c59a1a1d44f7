package io.rtm.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReconnectPolicyTest {

    @Test
    void growsExponentiallyWithinJitterAndNeverPassesTheCap() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.25);
        for (int i = 0; i < 1000; i++) {
            assertThat(policy.delay(0)).isBetween(Duration.ofMillis(75), Duration.ofMillis(100));
            assertThat(policy.delay(3)).isBetween(Duration.ofMillis(600), Duration.ofMillis(800));
            assertThat(policy.delay(40)).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(2));
        }
    }

    @Test
    void withoutJitterIsExact() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofSeconds(1), 3.0, 0);
        assertThat(policy.delay(0)).isEqualTo(Duration.ofMillis(50));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofMillis(450));
        assertThat(policy.delay(10_000)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void afterALossRetriesSteadilyForTheWindowThenBacksOff() {
        ReconnectPolicy policy = ReconnectPolicy.DEFAULT;
        assertThat(policy.fastRetryInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.fastRetryWindow()).isEqualTo(Duration.ofSeconds(30));
        for (int i = 0; i < 1000; i++) {
            // never more often than every 200 ms (5 per second), spread by up to 20 % so clients do not flock
            assertThat(policy.delay(0, Duration.ofSeconds(1))).isBetween(Duration.ofMillis(200), Duration.ofMillis(240));
            assertThat(policy.delay(7, Duration.ofSeconds(29))).isBetween(Duration.ofMillis(200), Duration.ofMillis(240));
            assertThat(policy.delay(7, Duration.ofSeconds(30))).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        }
        assertThat(policy.delay(0, null)).isBetween(Duration.ofMillis(80), Duration.ofMillis(100));
    }

    @Test
    void theFastRetryIsConfigurable() {
        ReconnectPolicy policy = new ReconnectPolicy(true, Duration.ofMillis(50), Duration.ofSeconds(1), 3.0, 0)
                .withFastRetry(Duration.ofMillis(500), Duration.ofSeconds(5));
        assertThat(policy.delay(3, Duration.ofSeconds(4))).isEqualTo(Duration.ofMillis(500));
        assertThat(policy.delay(3, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.withFastRetry(Duration.ofMillis(500), Duration.ZERO).delay(0, Duration.ZERO))
                .isEqualTo(Duration.ofMillis(50));
        assertThatIllegalArgumentException().isThrownBy(() -> policy.withFastRetry(Duration.ZERO, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> policy.withFastRetry(Duration.ofMillis(1), null));
    }

    @Test
    void rejectsNonsense() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 0.1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofMillis(1), Duration.ofSeconds(1), 0.5, 0.1));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofMillis(1), Duration.ofSeconds(1), 2, 1.5));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new ReconnectPolicy(true, Duration.ofMillis(-1), Duration.ofSeconds(1), 2, 0));
    }
}
