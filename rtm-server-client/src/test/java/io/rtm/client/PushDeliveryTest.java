package io.rtm.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushDeliveryTest {

    private RtmTestServer server;
    private RtmServerClient client;
    private final RecordingMonitor monitor = new RecordingMonitor();

    @BeforeEach
    void start() {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).serverPushMonitor(monitor).build();
        client.connect();
        client.setListen(ListenFlags.all(true, true, true, true));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void awaitPushes(int count) {
        server.awaitCondition(WAIT, count + " pushes handled", () -> monitor.pushCount() >= count);
    }

    @ParameterizedTest(name = "{0} mtype {1} -> {2}")
    @CsvSource({
            "P2P,1,pushP2PMessage", "P2P,30,pushP2PChat", "P2P,32,pushP2PCmd", "P2P,50,pushP2PFile",
            "GROUP,51,pushGroupMessage", "GROUP,30,pushGroupChat", "GROUP,32,pushGroupCmd", "GROUP,40,pushGroupFile",
            "ROOM,127,pushRoomMessage", "ROOM,30,pushRoomChat", "ROOM,32,pushRoomCmd", "ROOM,42,pushRoomFile"})
    void eachMessageKindReachesExactlyItsCallbackWithEveryField(MessageSource source, int mtype, String callback) {
        long before = System.currentTimeMillis();
        switch (source) {
            case P2P -> server.pushP2PMessage(7, 3001, 555, mtype, "hello", "{\"a\":1}");
            case GROUP -> server.pushGroupMessage(7, 1001, 555, mtype, "hello", "{\"a\":1}");
            case ROOM -> server.pushRoomMessage(7, 2001, 555, mtype, "hello", "{\"a\":1}");
        }
        awaitPushes(1);

        assertThat(monitor.calls).filteredOn(call -> call.callback().startsWith("push"))
                .singleElement().satisfies(call -> assertThat(call.callback()).isEqualTo(callback));
        RtmMessage message = monitor.messages().get(0);
        assertThat(message.source()).isEqualTo(source);
        assertThat(message.fromUid()).isEqualTo(7);
        assertThat(message.toId()).isEqualTo(source == MessageSource.P2P ? 3001 : source == MessageSource.GROUP
                ? 1001 : 2001);
        assertThat(message.messageId()).isEqualTo(555);
        assertThat(message.messageType()).isEqualTo(mtype);
        assertThat(message.text()).isEqualTo("hello");
        assertThat(message.attrs()).isEqualTo("{\"a\":1}");
        assertThat(message.modifiedTime()).isGreaterThanOrEqualTo(before - 1000);
    }

    @Test
    void binaryContentArrivesAsBytes() {
        byte[] content = {0, 1, 2, (byte) 0xff};
        server.pushGroupMessage(7, 1001, 1, 51, content, "");
        awaitPushes(1);

        RtmMessage message = monitor.messages().get(0);
        assertThat(message.isBinary()).isTrue();
        assertThat(message.binary()).containsExactly(content);
    }

    @Test
    void fileMessagesCarryTheirFileInfo() {
        String msg = "{\"url\":\"https://files.example/v.mp4\",\"size\":4096,\"surl\":\"\"}";
        String attrs = "{\"rtm\":{\"ext\":\"mp4\",\"filename\":\"v.mp4\"},\"custom\":\"mine\"}";
        server.pushRoomMessage(7, 2001, 1, 42, msg, attrs);
        server.pushRoomMessage(7, 2001, 2, 42, "{not json", attrs);
        awaitPushes(2);

        List<RtmMessage> files = monitor.messages();
        RtmFileInfo info = files.get(0).fileInfo().orElseThrow();
        assertThat(info.url()).isEqualTo("https://files.example/v.mp4");
        assertThat(info.size()).isEqualTo(4096);
        assertThat(info.fileName()).isEqualTo("v.mp4");
        assertThat(info.customAttrs()).isEqualTo("mine");
        assertThat(files.get(1).fileInfo()).isEmpty();
        assertThat(files.get(1).text()).isEqualTo("{not json");
        assertThat(monitor.calls("pushRoomFile")).hasSize(2);
    }

    @Test
    void eventsReachPushEvent() {
        server.pushEvent("login", 3001, 1_700_000_000L, "10.1.2.3:4567", "extra");
        awaitPushes(1);

        assertThat(monitor.calls("pushEvent")).singleElement().satisfies(call -> assertThat(call.argument())
                .isEqualTo(new RtmEvent(server.projectId(), "login", 3001, 1_700_000_000L, "10.1.2.3:4567", "extra")));
    }

    @Test
    void gatewayPingIsAnsweredAndReported() {
        List<CompletableFuture<Payload>> answers = server.pushRaw("ping", Payload.EMPTY);
        assertThat(answers).singleElement().satisfies(answer -> assertThat(answer.join()).isEqualTo(Payload.EMPTY));
        server.awaitCondition(WAIT, "ping reported", () -> !monitor.calls("ping").isEmpty());
    }

    @Test
    void callbacksRunOffTheEventLoopInOrderPerConversation() {
        for (int mid = 0; mid < 300; mid++) {
            server.pushGroupMessage(7, 1000 + mid % 3, mid, 51, "m" + mid, "");
        }
        awaitPushes(300);

        assertThat(monitor.calls).filteredOn(call -> call.callback().startsWith("push"))
                .allSatisfy(call -> assertThat(call.thread()).startsWith("rtm-dispatch-"));
        for (long group = 1000; group < 1003; group++) {
            long target = group;
            assertThat(monitor.messages().stream().filter(m -> m.toId() == target).map(RtmMessage::messageId).toList())
                    .isSorted().hasSize(100);
        }
        server.awaitCondition(WAIT, "all answered", () -> server.pushesAnswered() == 300);
    }

    @Test
    void duplicatesAreAnsweredButDroppedBeforeAnyCallback() {
        server.pushGroupMessage(7, 1001, 42, 51, "once", "");
        server.pushGroupMessage(7, 1001, 42, 51, "once", "");
        server.pushGroupMessage(7, 1001, 43, 51, "twice", "");
        server.awaitCondition(WAIT, "all answered", () -> server.pushesAnswered() == 3);
        awaitPushes(2);

        assertThat(monitor.messages()).extracting(RtmMessage::messageId).containsExactly(42L, 43L);
    }

    @Test
    void resentPushesReachTheMonitorOnce() {
        server.close();
        server = RtmTestServer.builder().port(server.port()).resendUnansweredAfter(Duration.ofMillis(1)).build()
                .start();
        server.awaitCondition(WAIT, "reconnected", () -> client.isConnected() && server.connectionCount() == 1);
        for (int mid = 0; mid < 50; mid++) {
            server.pushP2PMessage(7, 3001, mid, 1, "m" + mid, "");
        }
        awaitPushes(50);
        // with a 1 ms limit the gateway re-sends nearly every push before its answer is back
        server.awaitCondition(WAIT, "re-sends finished", () -> server.pushesResent() > 0
                && server.pushesSent() == 50 + server.pushesResent()
                && server.pushesAnswered() + server.pushesResent() >= server.pushesSent() - 50);
        assertThat(monitor.messages()).extracting(RtmMessage::messageId).doesNotHaveDuplicates().hasSize(50);
    }

    @Test
    void malformedPushGetsAnErrorAnswerAndTheConnectionStaysUp() {
        Payload missingGid = Payload.builder().put("from", 7L).put("mid", 1L).put("mtype", 51).put("msg", "x")
                .put("attrs", "").put("mtime", 1L).build();
        Payload wrongType = Payload.builder().put("from", "seven").put("gid", 1001L).put("mid", 2L).put("mtype", 51)
                .put("msg", "x").put("attrs", "").put("mtime", 1L).build();

        assertErrorAnswer(server.pushRaw("pushgroupmsg", missingGid), FpnnErrorCode.PROTO_KEY_NOT_FOUND);
        assertErrorAnswer(server.pushRaw("pushgroupmsg", wrongType), FpnnErrorCode.PROTO_TYPE_CONVERT);
        assertErrorAnswer(server.pushRaw("pushsomething", Payload.EMPTY), FpnnErrorCode.CORE_UNKNOWN_METHOD);

        server.pushGroupMessage(7, 1001, 3, 51, "still here", "");
        awaitPushes(1);
        assertThat(monitor.messages()).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo("still here"));
        assertThat(client.isConnected()).isTrue();
        assertThat(monitor.calls("closed")).isEmpty();
    }

    private static void assertErrorAnswer(List<CompletableFuture<Payload>> answers, int code) {
        assertThat(answers).singleElement().satisfies(answer -> assertThatThrownBy(answer::join)
                .isInstanceOf(CompletionException.class)
                .satisfies(e -> assertThat(((FpnnException) e.getCause()).code()).isEqualTo(code)));
    }

    @Test
    void textThatIsNotUtf8ArrivesAsBinary() {
        byte[] invalid = {(byte) 0xc3, 0x28, (byte) 0xff};
        server.writeRaw(pushFrameWithRawStr(invalid));
        awaitPushes(1);

        RtmMessage message = monitor.messages().get(0);
        assertThat(message.isBinary()).isTrue();
        assertThat(message.binary()).containsExactly(invalid);
        assertThat(message.pushType()).isEqualTo(RtmPushType.P2P_CHAT);
    }

    /** A pushmsg frame whose msg is a msgpack str holding the given (invalid UTF-8) bytes. */
    private static byte[] pushFrameWithRawStr(byte[] strBytes) {
        ByteBuf payload = Unpooled.buffer();
        ByteBuf frame = Unpooled.buffer();
        try {
            payload.writeByte(0x87);
            writeKey(payload, "from").writeByte(7);
            writeKey(payload, "to").writeByte(0x0b);
            writeKey(payload, "mid").writeByte(9);
            writeKey(payload, "mtype").writeByte(30);
            writeKey(payload, "msg").writeByte(0xa0 | strBytes.length).writeBytes(strBytes);
            writeKey(payload, "attrs").writeByte(0xa0);
            writeKey(payload, "mtime").writeByte(1);
            byte[] method = "pushmsg".getBytes(StandardCharsets.UTF_8);
            frame.writeBytes("FPNN".getBytes(StandardCharsets.US_ASCII)).writeByte(1).writeByte(0x80).writeByte(1)
                    .writeByte(method.length).writeIntLE(payload.readableBytes()).writeIntLE(0x7fff0000)
                    .writeBytes(method).writeBytes(payload);
            return ByteBufUtil.getBytes(frame);
        } finally {
            payload.release();
            frame.release();
        }
    }

    private static ByteBuf writeKey(ByteBuf out, String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return out.writeByte(0xa0 | bytes.length).writeBytes(bytes);
    }

    @Test
    void onlyListenedPushesArrive() {
        client.setListen(ListenFlags.all(false, false, false, false));
        client.setListen(Set.of(1001L), Set.of(), Set.of(), Set.of());
        assertThat(server.pushGroupMessage(7, 1002, 1, 51, "not for us", "")).isZero();
        assertThat(server.pushGroupMessage(7, 1001, 2, 51, "for us", "")).isEqualTo(1);
        awaitPushes(1);
        assertThat(monitor.messages()).extracting(RtmMessage::text).containsExactly("for us");
    }
}
