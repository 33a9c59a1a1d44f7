package io.rtm.test;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.rtm.test.ListenTest.ids;
import static io.rtm.test.RtmTestPush.group;
import static io.rtm.test.RtmTestPush.login;
import static io.rtm.test.RtmTestPush.p2p;
import static io.rtm.test.RtmTestPush.room;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Pushes written as sentences: the same payloads as the positional methods, with mids and endpoints never repeated. */
@EmbeddedRtmServer
class RtmTestPushTest {

    @RegisterExtension
    static final ClientGroup clients = new ClientGroup();
    private RtmTestServer server;
    private TestClient client;

    @BeforeEach
    void connect(RtmTestServer server) {
        this.server = server;
        server.dropConnections();
        client = TestClient.connect(clients.group, server);
        client.quest("addlisten", ids(List.of(20L), List.of(30L), List.of(10L), List.of("login")));
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void eachKindGoesOutAsItsPush() {
        RtmTestPush.Message chat = group(20).from(42).chat("hi");
        assertThat(server.push(chat)).isOne();
        assertThat(server.push(room(30).from(43).cmd("go").attrs("{\"k\":1}").mtime(1234))).isOne();
        assertThat(server.push(p2p(10).from(44).binary(60, "raw".getBytes(StandardCharsets.UTF_8)))).isOne();
        assertThat(server.push(login(45).time(1_700_000_000L).endpoint("10.0.0.1:5000").data("web"))).isOne();
        assertThat(server.push(group(21).from(42).chat("nobody listens"))).isZero();

        TestClient.Push first = client.nextPush();
        assertThat(first.method()).isEqualTo("pushgroupmsg");
        assertThat(first.payload().asMap()).containsEntry("from", 42L).containsEntry("gid", 20L)
                .containsEntry("mid", chat.mid()).containsEntry("mtype", 30L).containsEntry("msg", "hi")
                .containsEntry("attrs", "");
        TestClient.Push second = client.nextPush();
        assertThat(second.method()).isEqualTo("pushroommsg");
        assertThat(second.payload().asMap()).containsEntry("rid", 30L).containsEntry("mtype", 32L)
                .containsEntry("attrs", "{\"k\":1}").containsEntry("mtime", 1234L);
        TestClient.Push third = client.nextPush();
        assertThat(third.method()).isEqualTo("pushmsg");
        assertThat(third.payload().asMap()).containsEntry("to", 10L).containsEntry("mtype", 60L);
        assertThat(third.payload().get("msg")).isEqualTo("raw".getBytes(StandardCharsets.UTF_8));
        TestClient.Push event = client.nextPush();
        assertThat(event.method()).isEqualTo("pushevent");
        assertThat(event.payload().asMap()).containsEntry("pid", server.projectId()).containsEntry("event", "login")
                .containsEntry("uid", 45L).containsEntry("time", 1_700_000_000L)
                .containsEntry("endpoint", "10.0.0.1:5000").containsEntry("data", "web");
    }

    @Test
    void midsAndEventEndpointsAreNeverRepeatedUnlessSet() {
        Set<Long> mids = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            server.push(group(20).from(42).chat("same text"));
            mids.add(client.nextPush().payload().getLong("mid"));
            server.push(login(45).time(1_700_000_000L));
            endpoints.add(client.nextPush().payload().getString("endpoint"));
        }
        assertThat(mids).hasSize(100);
        assertThat(endpoints).hasSize(100);

        server.push(group(20).from(42).mid(7).chat("twice"));
        server.push(group(20).from(42).mid(7).chat("twice"));
        assertThat(client.nextPush().payload().getLong("mid")).isEqualTo(7L);
        assertThat(client.nextPush().payload().getLong("mid")).isEqualTo(7L);
    }

    @Test
    void contentOutsideTheProtocolsRangesIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> group(20).text(128, "x")).withMessageContaining("0..127");
        assertThatIllegalArgumentException().isThrownBy(() -> group(20).file(30, "{}", "{}"))
                .withMessageContaining("40..50");
    }
}
