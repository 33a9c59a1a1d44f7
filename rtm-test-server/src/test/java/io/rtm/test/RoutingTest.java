package io.rtm.test;

import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static io.rtm.test.ListenTest.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Protocol sections 7, 8.3 and 8.4: who gets which push, with which fields. */
@EmbeddedRtmServer
class RoutingTest {

    @RegisterExtension
    static final ClientGroup clients = new ClientGroup();
    private RtmTestServer server;
    private TestClient byId;
    private TestClient byFlag;
    private TestClient bystander;

    @BeforeEach
    void connect(RtmTestServer server) {
        this.server = server;
        server.dropConnections();
        byId = TestClient.connect(clients.group, server);
        byFlag = TestClient.connect(clients.group, server);
        bystander = TestClient.connect(clients.group, server);
        server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 3);
        byId.quest("addlisten", ids(List.of(20L), List.of(30L), List.of(10L), List.of("login")));
        bystander.quest("addlisten", ids(List.of(21L), List.of(31L), List.of(11L), List.of("logout")));
    }

    @AfterEach
    void disconnect() {
        byId.close();
        byFlag.close();
        bystander.close();
    }

    @Test
    void p2pGoesToTheUserAndToAllP2PListeners() {
        byFlag.quest("setlisten", Payload.builder().put("p2p", true).build());
        long answered = server.pushesAnswered();
        assertThat(server.pushP2PMessage(1, 10, 501, 30, "hello", "{\"k\":1}")).isEqualTo(2);
        assertThat(server.pushP2PMessage(1, 12, 502, 30, "other", "")).isEqualTo(1);
        TestClient.Push push = byId.nextPush();
        assertThat(push.method()).isEqualTo("pushmsg");
        assertThat(push.payload().asMap()).containsOnlyKeys("from", "to", "mid", "mtype", "msg", "attrs", "mtime")
                .containsEntry("from", 1L).containsEntry("to", 10L).containsEntry("mid", 501L)
                .containsEntry("mtype", 30L).containsEntry("msg", "hello").containsEntry("attrs", "{\"k\":1}");
        assertThat(push.payload().getLong("mtime")).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(byFlag.nextPush().payload().getLong("mid")).isEqualTo(501L);
        assertThat(byFlag.nextPush().payload().getLong("mid")).isEqualTo(502L);
        server.awaitCondition(TestClient.TIMEOUT, () -> server.pushesAnswered() == answered + 3);
        assertThat(byId.pendingPushes()).isZero();
        assertThat(bystander.pendingPushes()).isZero();
    }

    @Test
    void groupGoesToTheGroupAndToAllGroupListeners() {
        byFlag.quest("setlisten", Payload.builder().put("group", true).build());
        assertThat(server.pushGroupMessage(2, 20, 601, 32, "cmd", "")).isEqualTo(2);
        assertThat(server.pushGroupMessage(2, 22, 602, 32, "cmd", "")).isEqualTo(1);
        TestClient.Push push = byId.nextPush();
        assertThat(push.method()).isEqualTo("pushgroupmsg");
        assertThat(push.payload().asMap()).containsOnlyKeys("from", "gid", "mid", "mtype", "msg", "attrs", "mtime")
                .containsEntry("gid", 20L).containsEntry("mtype", 32L);
        assertThat(byFlag.nextPush().payload().getLong("gid")).isEqualTo(20L);
        assertThat(byFlag.nextPush().payload().getLong("gid")).isEqualTo(22L);
    }

    @Test
    void roomGoesToTheRoomAndToAllRoomListeners() {
        byFlag.quest("setlisten", Payload.builder().put("room", true).build());
        assertThat(server.pushRoomMessage(3, 30, 701, 51, "m", "a")).isEqualTo(2);
        assertThat(server.pushRoomMessage(3, 32, 702, 51, "m", "a")).isEqualTo(1);
        TestClient.Push push = byId.nextPush();
        assertThat(push.method()).isEqualTo("pushroommsg");
        assertThat(push.payload().asMap()).containsOnlyKeys("from", "rid", "mid", "mtype", "msg", "attrs", "mtime")
                .containsEntry("rid", 30L).containsEntry("mtype", 51L);
        assertThat(byFlag.nextPush().payload().getLong("rid")).isEqualTo(30L);
        assertThat(byFlag.nextPush().payload().getLong("rid")).isEqualTo(32L);
    }

    @Test
    void eventGoesToItsListenersAndToAllEventListeners() {
        byFlag.quest("setlisten", Payload.builder().put("ev", true).build());
        assertThat(server.pushEvent("login", 42, 1_700_000_000L, "10.0.0.1:1234", "extra")).isEqualTo(2);
        assertThat(server.pushEvent("kicked", 42, 1_700_000_001L, "10.0.0.1:1234", null)).isEqualTo(1);
        TestClient.Push push = byId.nextPush();
        assertThat(push.method()).isEqualTo("pushevent");
        assertThat(push.payload().asMap()).isEqualTo(Map.of("pid", server.projectId(), "event", "login",
                "uid", 42L, "time", 1_700_000_000L, "endpoint", "10.0.0.1:1234", "data", "extra"));
        assertThat(byFlag.nextPush().payload().getString("event")).isEqualTo("login");
        Payload withoutData = byFlag.nextPush().payload();
        assertThat(withoutData.getString("event")).isEqualTo("kicked");
        assertThat(withoutData.contains("data")).isFalse();
        assertThat(server.pushEvent("logout", 43, 1L, "", null)).isEqualTo(2);
        assertThat(bystander.nextPush().payload().getString("event")).isEqualTo("logout");
    }

    @Test
    void textStaysTextAndBinaryStaysBinary() {
        byte[] utf8Bytes = "looks like text".getBytes(StandardCharsets.UTF_8);
        byte[] binary = {0, (byte) 0xff, (byte) 0xc3, 0x28};
        server.pushP2PMessage(1, 10, 1, 40, "text", "");
        server.pushP2PMessage(1, 10, 2, 40, utf8Bytes, "");
        server.pushP2PMessage(1, 10, 3, 40, binary, "");
        assertThat(byId.nextPush().payload().get("msg")).isEqualTo("text");
        // a bin that happens to be valid UTF-8 must still arrive as a bin, not a str
        assertThat(byId.nextPush().payload().get("msg")).isInstanceOf(byte[].class).isEqualTo(utf8Bytes);
        assertThat(byId.nextPush().payload().get("msg")).isEqualTo(binary);
    }

    @Test
    void badTestApiArgumentsAreRefused() {
        assertThatThrownBy(() -> server.pushP2PMessage(1, 10, 1, 128, "x", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.pushGroupMessage(1, 10, 1, 30, 42, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server.pushRoomMessage(1, 10, 1, -1, "x", "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendingQuestsPushToListeners() {
        byFlag.quest("setlisten", Payload.builder().put("p2p", true).build());
        Payload sent = bystander.quest("sendmsg", Payload.builder().put("from", 11L).put("to", 10L).put("mid", 801L)
                .put("mtype", 30).put("msg", "via quest").put("attrs", "at").build());
        TestClient.Push push = byId.nextPush();
        assertThat(push.payload().asMap()).containsEntry("from", 11L).containsEntry("to", 10L)
                .containsEntry("mid", 801L).containsEntry("msg", "via quest").containsEntry("attrs", "at")
                .containsEntry("mtime", sent.getLong("mtime"));
        assertThat(byFlag.nextPush().payload().getLong("mid")).isEqualTo(801L);

        bystander.quest("sendmsgs", Payload.builder().put("from", 11L).put("tos", List.of(10L, 12L))
                .put("mid", 802L).put("mtype", 31).put("msg", new byte[] {1, 2}).build());
        TestClient.Push toTen = byId.nextPush();
        assertThat(toTen.payload().get("msg")).isEqualTo(new byte[] {1, 2});
        assertThat(toTen.payload().getString("attrs")).isEmpty();
        assertThat(List.of(byFlag.nextPush().payload().getLong("to"), byFlag.nextPush().payload().getLong("to")))
                .containsExactlyInAnyOrder(10L, 12L);

        bystander.quest("sendgroupmsg", Payload.builder().put("from", 11L).put("gid", 20L).put("mid", 803L)
                .put("mtype", 30).put("msg", "group").put("attrs", "").build());
        assertThat(byId.nextPush().payload().asMap()).containsEntry("gid", 20L).containsEntry("mid", 803L);
        bystander.quest("sendroommsg", Payload.builder().put("from", 11L).put("rid", 30L).put("mid", 804L)
                .put("mtype", 30).put("msg", "room").put("attrs", "").build());
        TestClient.Push room = byId.nextPush();
        assertThat(room.method()).isEqualTo("pushroommsg");
        assertThat(room.payload().asMap()).containsEntry("rid", 30L).containsEntry("mid", 804L);
        assertThat(bystander.pendingPushes()).isZero();
    }

    @Test
    void pingReachesEveryConnection() {
        assertThat(server.ping()).isEqualTo(3);
        for (TestClient client : List.of(byId, byFlag, bystander)) {
            TestClient.Push ping = client.nextPush();
            assertThat(ping.method()).isEqualTo("ping");
            assertThat(ping.payload().isEmpty()).isTrue();
        }
    }

    @Test
    void rawQuestsReachEveryConnectionAndReturnTheirAnswers() {
        byFlag.answering(false);
        List<CompletableFuture<Payload>> answers = server.pushRaw("pushmsg", Payload.builder().put("from", "x").build());
        assertThat(answers).hasSize(3);
        for (TestClient client : List.of(byId, byFlag, bystander)) {
            assertThat(client.nextPush().payload().get("from")).isEqualTo("x");
        }
        // two answer at once, the silent one leaves its future pending
        server.awaitCondition(TestClient.TIMEOUT, () -> answers.stream().filter(CompletableFuture::isDone).count() == 2);
        assertThat(answers).filteredOn(CompletableFuture::isDone)
                .allSatisfy(answer -> assertThat(answer.join().isEmpty()).isTrue());
        assertThat(answers).filteredOn(answer -> !answer.isDone()).hasSize(1);
    }

    @Test
    void countersFollowAnswersAndErrors() {
        long sent = server.pushesSent();
        long answered = server.pushesAnswered();
        long errors = server.pushErrorAnswers();
        byFlag.close();
        server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 2);
        assertThat(server.pushP2PMessage(1, 10, 901, 30, "x", "")).isEqualTo(1);
        server.awaitCondition(TestClient.TIMEOUT, () -> server.pushesAnswered() == answered + 1);
        assertThat(server.pushesSent()).isEqualTo(sent + 1);
        assertThat(server.pushErrorAnswers()).isEqualTo(errors);
        byId.answerWithError(20001);
        assertThat(server.pushP2PMessage(1, 10, 902, 30, "x", "")).isEqualTo(1);
        server.awaitCondition(TestClient.TIMEOUT, () -> server.pushErrorAnswers() == errors + 1);
        assertThat(server.pushesAnswered()).isEqualTo(answered + 1);
    }
}
