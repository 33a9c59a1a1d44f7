package io.rtm.client;

import io.rtm.fpnn.Payload;
import io.rtm.test.ReceivedQuest;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The send API: the quests the public server SDKs send, routed by the gateway to its listeners. */
class SendApiTest {

    private RtmTestServer server;
    private RtmServerClient sender;
    private RtmServerClient receiver;
    private final RecordingMonitor received = new RecordingMonitor();

    @BeforeEach
    void start() {
        server = RtmTestServer.builder().build().start();
        sender = clientFor(server).build();
        sender.connect();
        receiver = clientFor(server).serverPushMonitor(received).build();
        receiver.connect();
        receiver.addListen(Set.of(1001L), Set.of(2001L), Set.of(3001L, 3002L), null);
        server.clearReceivedQuests();
    }

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(sender, receiver, server);
    }

    private ReceivedQuest last(String method) {
        List<ReceivedQuest> quests = server.receivedQuests().stream().filter(q -> q.method().equals(method)).toList();
        return quests.get(quests.size() - 1);
    }

    @Test
    void eachKindOfMessageReachesItsListenersAndReturnsTheGatewaysTime() {
        long before = System.currentTimeMillis();
        long p2p = sender.sendMessage(42, 3001, 51, "hello", "{\"k\":1}");
        long many = sender.sendMessages(42, Set.of(3001L, 3002L), 52, "to both".getBytes(StandardCharsets.UTF_8),
                null);
        long group = sender.sendGroupMessage(42, 1001, 30, "in the group", "");
        long room = sender.sendRoomMessageAsync(42, 2001, 32, "in the room", null).join();

        assertThat(List.of(p2p, many, group, room)).allSatisfy(mtime -> assertThat(mtime).isGreaterThanOrEqualTo(before));
        server.awaitCondition(WAIT, "all received", () -> received.messages().size() == 5);
        assertThat(received.calls("pushP2PMessage")).hasSize(3);
        assertThat(received.calls("pushGroupChat")).hasSize(1);
        assertThat(received.calls("pushRoomCmd")).hasSize(1);
        RtmMessage first = received.messages().stream().filter(m -> m.messageType() == 51).findFirst().orElseThrow();
        assertThat(first.fromUid()).isEqualTo(42);
        assertThat(first.text()).isEqualTo("hello");
        assertThat(first.attrs()).isEqualTo("{\"k\":1}");
        assertThat(received.messages().stream().filter(m -> m.messageType() == 52))
                .allSatisfy(m -> assertThat(m.binary()).isEqualTo("to both".getBytes(StandardCharsets.UTF_8)));

        Payload sendmsgs = last("sendmsgs").payload();
        assertThat(sendmsgs.getLongSet("tos")).containsExactlyInAnyOrder(3001L, 3002L);
        assertThat(sendmsgs.get("msg")).isInstanceOf(byte[].class);
        assertThat(last("sendgroupmsg").payload().getLong("gid")).isEqualTo(1001);
        assertThat(last("sendroommsg").payload().getLong("rid")).isEqualTo(2001);
        assertThat(last("sendmsg").payload().getString("attrs")).isEqualTo("{\"k\":1}");
    }

    @Test
    void everyMessageGetsItsOwnId() {
        for (int i = 0; i < 50; i++) {
            sender.sendGroupMessageAsync(42, 1001, 51, "m" + i, null);
        }
        server.awaitCondition(WAIT, "all handled", () -> received.messages().size() == 50);
        assertThat(received.messages()).extracting(RtmMessage::messageId).doesNotHaveDuplicates();
    }

    @Test
    void badArgumentsAndRefusalsAreClear() {
        assertThatIllegalArgumentException().isThrownBy(() -> sender.sendMessage(42, 3001, 128, "x", null))
                .withMessageContaining("mtype must be 0..127");
        assertThatIllegalArgumentException().isThrownBy(() -> sender.sendMessages(42, Set.of(), 51, "x", null))
                .withMessageContaining("at least one");
        RtmServerClient wrong = clientFor(server).secretKey("wrong").build();
        try {
            wrong.connectAsync();
            RtmException error = catchThrowableOfType(RtmException.class,
                    () -> wrong.sendMessage(42, 3001, 51, "x", null));
            assertThat(error.code()).isEqualTo(20012); // never connected: the gateway refuses its credentials
        } finally {
            wrong.close();
        }
    }
}
