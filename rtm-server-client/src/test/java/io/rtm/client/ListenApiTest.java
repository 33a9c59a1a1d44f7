package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import io.rtm.test.GatewayListenState;
import io.rtm.test.ReceivedQuest;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static io.rtm.client.ClientTestSupport.gatewayState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ListenApiTest {

    private RtmTestServer server;
    private RtmServerClient client;

    @BeforeEach
    void start() {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).build();
        client.connect();
        server.clearReceivedQuests();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private ReceivedQuest lastQuest(String method) {
        List<ReceivedQuest> quests = server.receivedQuests().stream()
                .filter(quest -> quest.method().equals(method)).toList();
        assertThat(quests).as("quests '%s' received", method).isNotEmpty();
        return quests.get(quests.size() - 1);
    }

    private void assertSigned(ReceivedQuest quest) {
        Payload payload = quest.payload();
        assertThat(payload.getLong("pid")).isEqualTo(server.projectId());
        long ts = payload.getLong("ts");
        assertThat(ts).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(RtmSigner.verify(server.projectId(), server.secretKey(), payload.getLong("salt"), quest.method(),
                ts, payload.getString("sign"))).isTrue();
        assertThat(payload.getString("sign")).isUpperCase().hasSize(32);
    }

    @Test
    void addListenSendsOnlyTheGivenSetsAndIsConfirmed() {
        client.addListen(Set.of(1001L, 1002L), Set.of(), Set.of(3001L), Set.of("login"));

        ReceivedQuest quest = lastQuest("addlisten");
        assertSigned(quest);
        assertThat(quest.payload().asMap().keySet())
                .containsExactlyInAnyOrder("gids", "uids", "events", "pid", "sign", "salt", "ts");
        assertThat(quest.payload().getLongSet("gids")).containsExactlyInAnyOrder(1001L, 1002L);
        assertThat(quest.payload().getLongSet("uids")).containsExactly(3001L);
        assertThat(quest.payload().getStringSet("events")).containsExactly("login");
        assertThat(client.listenState().groups()).containsExactlyInAnyOrder(1001L, 1002L);
        assertThat(gatewayState(server).gids()).containsExactlyInAnyOrder(1001L, 1002L);
        assertThat(gatewayState(server).uids()).containsExactly(3001L);
    }

    @Test
    void removeListenSendsOnlyTheGivenSets() {
        client.addListen(Set.of(1001L, 1002L), Set.of(2001L), Set.of(), Set.of());
        client.removeListen(Set.of(1002L), null, null, null);

        ReceivedQuest quest = lastQuest("removelisten");
        assertSigned(quest);
        assertThat(quest.payload().asMap().keySet()).containsExactlyInAnyOrder("gids", "pid", "sign", "salt", "ts");
        assertThat(client.listenState().groups()).containsExactly(1001L);
        assertThat(client.listenState().rooms()).containsExactly(2001L);
        assertThat(gatewayState(server).gids()).containsExactly(1001L);
    }

    @Test
    void setListenIdsSendsAllFourSets() {
        client.addListen(Set.of(1L), Set.of(2L), Set.of(3L), Set.of("logout"));
        client.setListen(Set.of(9L), Set.of(), null, Set.of("login"));

        ReceivedQuest quest = lastQuest("setlisten");
        assertSigned(quest);
        assertThat(quest.payload().asMap().keySet())
                .containsExactlyInAnyOrder("gids", "rids", "uids", "events", "pid", "sign", "salt", "ts");
        assertThat(quest.payload().getLongSet("rids")).isEmpty();
        assertThat(quest.payload().getLongSet("uids")).isEmpty();
        ListenState expected = new ListenState(Set.of(9L), Set.of(), Set.of(), Set.of("login"),
                false, false, false, false);
        assertThat(client.listenState()).isEqualTo(expected);
        assertThat(gatewayState(server)).isEqualTo(
                new GatewayListenState(Set.of(9L), Set.of(), Set.of(), Set.of("login"), false, false, false, false));
    }

    @Test
    void setListenFlagsSendsOnlyTheNamedFlags() {
        client.addListen(Set.of(5L), null, null, null);
        client.setListen(ListenFlags.of().allGroups(true).allEvents(true));

        ReceivedQuest quest = lastQuest("setlisten");
        assertSigned(quest);
        assertThat(quest.payload().asMap().keySet())
                .containsExactlyInAnyOrder("group", "ev", "pid", "sign", "salt", "ts");
        assertThat(quest.payload().getBoolean("group")).isTrue();
        assertThat(client.listenState().allGroups()).isTrue();
        assertThat(client.listenState().allEvents()).isTrue();
        assertThat(client.listenState().allP2P()).isFalse();
        assertThat(client.listenState().groups()).containsExactly(5L);
        GatewayListenState gateway = gatewayState(server);
        assertThat(gateway.group()).isTrue();
        assertThat(gateway.ev()).isTrue();
        assertThat(gateway.p2p()).isFalse();
        assertThat(gateway.gids()).containsExactly(5L);

        client.setListen(ListenFlags.of().allGroups(false));
        assertThat(client.listenState().allGroups()).isFalse();
        assertThat(client.listenState().allEvents()).isTrue();
    }

    @Test
    void saltsAreFreshForEveryQuest() {
        for (int i = 0; i < 20; i++) {
            client.addListen(Set.of((long) i), null, null, null);
        }
        assertThat(server.receivedQuests().stream().map(quest -> quest.payload().getLong("salt")).distinct().count())
                .isEqualTo(20);
    }

    @Test
    void asyncFormsCompleteAndConfirm() {
        CompletableFuture<Void> added = client.addListenAsync(Set.of(1L), null, null, null);
        CompletableFuture<Void> flagged = client.setListenAsync(ListenFlags.of().allRooms(true));
        CompletableFuture.allOf(added, flagged).join();
        assertThat(client.listenState().groups()).containsExactly(1L);
        assertThat(client.listenState().allRooms()).isTrue();
    }

    @Test
    void errorAnswerBecomesRtmExceptionAndLeavesTheStateAlone() {
        RtmServerClient wrongSecret = clientFor(server).secretKey("not-the-secret").build();
        try {
            RtmException error = catchThrowableOfType(RtmException.class, wrongSecret::connect);
            assertThat(error.code()).isEqualTo(200002);
            assertThat(error.isCredentialsRejected()).isTrue();
            assertThat(error.reason()).isNotBlank();
            assertThat(error.getMessage()).doesNotContain("not-the-secret");
            assertThat(wrongSecret.listenState()).isEqualTo(ListenState.EMPTY);
        } finally {
            wrongSecret.close();
        }
    }

    @Test
    void aReplayedSaltIsRefusedWithAClearError() {
        UniqueIds sameSaltEveryTime = new UniqueIds() {
            @Override
            long next() {
                return 1_234_567_890_123L;
            }
        };
        RtmServerClient replaying = clientFor(server).salts(sameSaltEveryTime).build();
        try {
            replaying.connect(); // the connection's setlisten takes the salt
            RtmException error = catchThrowableOfType(RtmException.class,
                    () -> replaying.addListen(Set.of(2L), null, null, null));
            assertThat(error.code()).isEqualTo(200006);
            assertThat(error.getMessage()).startsWith("200006: ").containsIgnoringCase("salt");
            assertThat(replaying.listenState()).isEqualTo(ListenState.EMPTY);
        } finally {
            replaying.close();
        }
    }

    @Test
    void noAnswerTimesOutWith20003() {
        server.pauseAnswering(true);
        RtmException error = catchThrowableOfType(RtmException.class,
                () -> client.addListen(Set.of(1L), null, null, null, Duration.ofMillis(200)));
        assertThat(error.code()).isEqualTo(FpnnErrorCode.CORE_TIMEOUT);
        assertThat(client.listenState()).isEqualTo(ListenState.EMPTY);
    }

    @Test
    void gatewayClosingFailsPendingQuestsWith20002() {
        server.pauseAnswering(true);
        CompletableFuture<Void> pending = client.addListenAsync(Set.of(1L), null, null, null, Duration.ofSeconds(30));
        server.awaitCondition(WAIT, () -> server.receivedQuests().stream()
                .anyMatch(quest -> quest.method().equals("addlisten")));
        server.dropConnections();
        assertThatThrownBy(pending::join).hasCauseInstanceOf(RtmException.class)
                .satisfies(e -> assertThat(((RtmException) e.getCause()).code())
                        .isEqualTo(FpnnErrorCode.CORE_CONNECTION_CLOSED));
    }

    @Test
    void callsWhileNotConnectedFailWith20012() {
        RtmServerClient idle = clientFor(server).build();
        try {
            RtmException error = catchThrowableOfType(RtmException.class,
                    () -> idle.addListen(Set.of(1L), null, null, null));
            assertThat(error.code()).isEqualTo(FpnnErrorCode.CORE_INVALID_CONNECTION);
        } finally {
            idle.close();
        }
    }
}
