package io.rtm.spring;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.fpnn.Payload;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.listener.RtmReply;
import io.rtm.test.ReceivedQuest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;

import static io.rtm.test.RtmTestPush.group;
import static io.rtm.test.RtmTestPush.p2p;
import static io.rtm.test.RtmTestPush.room;
import static org.assertj.core.api.Assertions.assertThat;

/** Listener methods that reply: what they return goes back into the conversation, through the real gateway. */
class RtmListenerReplyTests extends EmbeddedGatewayTests {

    private static final Map<String, Object> PROPERTIES = Map.of("test.bot-uid", "9001", "rtm.listener.reply-from",
            "9002");

    @Test
    void aP2PReplyGoesToTheSenderAndAGroupOrRoomReplyIntoIt() {
        try (AnnotationConfigApplicationContext context = start()) {
            this.gateway.push(p2p(3001).from(42).chat("ping"));
            this.gateway.push(group(1001).from(43).text(51, "order"));
            this.gateway.push(room(2001).from(44).chat("binary please"));

            Payload p2p = sent("sendmsg");
            assertThat(p2p.asMap()).containsEntry("from", 9001L).containsEntry("to", 42L).containsEntry("mtype", 30L)
                .containsEntry("msg", "pong: ping").containsEntry("attrs", "");
            Payload inGroup = sent("sendgroupmsg");
            assertThat(inGroup.asMap()).containsEntry("from", 9001L).containsEntry("gid", 1001L)
                .containsEntry("mtype", 52L).containsEntry("msg", "accepted: order")
                .containsEntry("attrs", "{\"bot\":true}");
            Payload inRoom = sent("sendroommsg");
            assertThat(inRoom.asMap()).containsEntry("from", 9002L).containsEntry("rid", 2001L)
                .containsEntry("mtype", 30L);
            assertThat(inRoom.get("msg")).isEqualTo("binary please".getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aNullReplySendsNothing() {
        try (AnnotationConfigApplicationContext context = start()) {
            Bot bot = context.getBean(Bot.class);
            this.gateway.push(p2p(3001).from(42).chat("silence"));
            this.gateway.push(p2p(3001).from(42).chat("ping"));
            sent("sendmsg");
            assertThat(bot.calls).containsExactly("silence", "ping");
            assertThat(this.gateway.receivedQuests()).filteredOn((quest) -> quest.method().equals("sendmsg"))
                .singleElement()
                .satisfies((quest) -> assertThat(quest.payload().getString("msg")).isEqualTo("pong: ping"));
        }
    }

    private AnnotationConfigApplicationContext start() {
        return start(PROPERTIES, Bot.class);
    }

    /** The payload of the first quest of that method the gateway received, waiting for it. */
    private Payload sent(String method) {
        this.gateway.awaitCondition(WAIT, method + " received", () -> this.gateway.receivedQuests().stream()
            .anyMatch((quest) -> quest.method().equals(method)));
        ReceivedQuest quest = this.gateway.receivedQuests().stream()
            .filter((received) -> received.method().equals(method))
            .findFirst()
            .orElseThrow();
        return quest.payload();
    }

    @Configuration(proxyBeanMethods = false)
    static class Bot {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @RtmListener(value = RtmPushType.P2P_CHAT, users = "3001", replyFrom = "${test.bot-uid}")
        @Nullable String onChat(String text) {
            this.calls.add(text);
            return text.equals("silence") ? null : "pong: " + text;
        }

        @RtmListener(value = RtmPushType.GROUP_MESSAGE, groups = "1001", replyFrom = "9001")
        RtmReply onOrder(RtmMessage message) {
            return RtmReply.text("accepted: " + message.text()).withMessageType(52).withAttrs("{\"bot\":true}");
        }

        /** No replyFrom: rtm.listener.reply-from's user. */
        @RtmListener(value = RtmPushType.ROOM_CHAT, rooms = "2001")
        byte[] onRoomChat(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }
}
