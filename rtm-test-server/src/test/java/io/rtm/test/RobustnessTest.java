package io.rtm.test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOption;
import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol section 8.6: bad input closes that connection only. */
class RobustnessTest {

    private static ClientGroup clients;
    private static RtmTestServer server;
    private TestClient victim;
    private TestClient bystander;

    @BeforeAll
    static void start() {
        clients = new ClientGroup();
        server = RtmTestServer.builder().maxPayloadSize(4096).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
        clients.close();
    }

    @BeforeEach
    void connect() {
        victim = TestClient.connect(clients.group, server);
        bystander = TestClient.connect(clients.group, server);
        bystander.quest("addlisten", Payload.builder().put("uids", List.of(5L)).build());
        server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 2);
    }

    @AfterEach
    void disconnect() {
        victim.close();
        bystander.close();
        server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 0);
    }

    @Test
    void garbageClosesOnlyThatConnection() {
        victim.writeRaw("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertOnlyVictimClosed();
    }

    @Test
    void oversizedDeclaredPayloadClosesOnlyThatConnection() {
        ByteBuf header = Unpooled.buffer();
        header.writeBytes("FPNN".getBytes(StandardCharsets.US_ASCII)).writeByte(1).writeByte(0x80).writeByte(1)
                .writeByte(5).writeIntLE(1 << 30).writeIntLE(1).writeBytes("*ping".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = new byte[header.readableBytes()];
        header.readBytes(bytes);
        header.release();
        victim.writeRaw(bytes);
        assertOnlyVictimClosed();
    }

    @Test
    void invalidPayloadIsAnsweredAndTheConnectionStays() {
        // a well framed quest whose payload is not a map: error 10003, nothing closed
        byte[] frame = {'F', 'P', 'N', 'N', 1, (byte) 0x80, 1, 5, 1, 0, 0, 0, 9, 0, 0, 0,
                '*', 'p', 'i', 'n', 'g', (byte) 0x91};
        victim.writeRaw(frame);
        server.awaitCondition(TestClient.TIMEOUT, () -> server.receivedQuests().stream()
                .anyMatch(quest -> quest.method().equals("*ping") && quest.payload() == null));
        assertThat(victim.unsigned("*ping", Payload.EMPTY).contains("ts")).isTrue();
    }

    @Test
    void abruptDisconnectClosesOnlyThatConnection() {
        // SO_LINGER 0 turns the close into a reset
        victim.channel().config().setOption(ChannelOption.SO_LINGER, 0);
        victim.writeRaw(new byte[] {'F', 'P', 'N'}); // half a header, then gone
        victim.close();
        assertOnlyVictimClosed();
    }

    @Test
    void garbageFromTheGatewayClosesClients() {
        server.writeRaw(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 0);
        assertThat(victim.isActive()).isFalse();
        try (TestClient fresh = TestClient.connect(clients.group, server)) {
            assertThat(fresh.unsigned("*ping", Payload.EMPTY).contains("ts")).isTrue();
        }
    }

    private void assertOnlyVictimClosed() {
        server.awaitCondition(TestClient.TIMEOUT, "victim closed", () -> server.connectionCount() == 1);
        victim.channel().closeFuture().awaitUninterruptibly();
        assertThat(bystander.quest("addlisten", Payload.builder().put("gids", List.of(1L)).build()).isEmpty()).isTrue();
        assertThat(server.pushP2PMessage(1, 5, 1, 30, "still here", "")).isEqualTo(1);
        assertThat(bystander.nextPush().payload().getString("msg")).isEqualTo("still here");
    }
}
