package io.rtm.test;

import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol section 8.5: unanswered pushes are sent again with the same mid when configured. */
class ResendTest {

    @Test
    void unansweredPushIsSentAgainWithTheSameMid() {
        try (ClientGroup clients = new ClientGroup();
             RtmTestServer server = RtmTestServer.builder().resendUnansweredAfter(Duration.ofMillis(100)).build().start();
             TestClient client = TestClient.connect(clients.group, server)) {
            client.quest("addlisten", Payload.builder().put("gids", List.of(1L)).build());
            client.answering(false);
            assertThat(server.pushGroupMessage(7, 1, 4242, 30, "again?", "")).isEqualTo(1);
            TestClient.Push first = client.nextPush();
            TestClient.Push again = client.nextPush();
            assertThat(again.method()).isEqualTo(first.method());
            assertThat(again.payload()).isEqualTo(first.payload());
            assertThat(again.payload().getLong("mid")).isEqualTo(4242L);
            assertThat(server.pushesResent()).isPositive();

            // re-sends are bounded: the original and MAX_RESENDS more, then it gives up
            server.awaitCondition(Duration.ofSeconds(10), () -> server.pushesResent() == Gateway.MAX_RESENDS
                    && client.pendingPushes() == Gateway.MAX_RESENDS - 1);
            assertThat(server.pushesSent()).isEqualTo(1 + Gateway.MAX_RESENDS);

            client.answering(true);
            assertThat(server.pushGroupMessage(7, 1, 4243, 30, "answered", "")).isEqualTo(1);
            server.awaitCondition(Duration.ofSeconds(10), () -> server.pushesAnswered() >= 1);
        }
    }

    @Test
    void withoutResendAPushIsSentOnce() {
        try (ClientGroup clients = new ClientGroup();
             RtmTestServer server = RtmTestServer.builder().build().start();
             TestClient client = TestClient.connect(clients.group, server)) {
            client.quest("addlisten", Payload.builder().put("gids", List.of(1L)).build());
            client.answering(false);
            server.pushGroupMessage(7, 1, 1, 30, "once", "");
            client.nextPush();
            client.answering(true);
            server.pushGroupMessage(7, 1, 2, 30, "second", "");
            assertThat(client.nextPush().payload().getLong("mid")).isEqualTo(2L);
            assertThat(server.pushesSent()).isEqualTo(2);
            assertThat(server.pushesResent()).isZero();
        }
    }
}
