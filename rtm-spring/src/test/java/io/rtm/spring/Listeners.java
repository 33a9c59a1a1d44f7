package io.rtm.spring;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;

/** Listener beans used by the tests. */
final class Listeners {

    private Listeners() {
    }

    /** A JSON payload. */
    record Order(String item, int quantity) {
    }

    static class TextListener {

        final List<String> texts = new CopyOnWriteArrayList<>();

        @RtmListener(RtmPushType.GROUP_CHAT)
        void onChat(String text) {
            this.texts.add(text);
        }
    }

    /** Registered as a lazy bean. */
    static class LazyListener {

        final List<String> texts = new CopyOnWriteArrayList<>();

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "4001")
        void onChat(String text) {
            this.texts.add(text);
        }
    }

    static class JsonListener {

        final List<Order> orders = new CopyOnWriteArrayList<>();

        @RtmListener(RtmPushType.ROOM_CMD)
        void onOrder(Order order) {
            this.orders.add(order);
        }
    }

    /** Records every call as "method:detail". */
    static class Recording {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @RtmListener(RtmPushType.GROUP_CHAT)
        void anyGroupChat(RtmMessage message) {
            this.calls.add("anyGroupChat:" + message.toId());
        }

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "${test.vip-group}")
        void vipGroupChat(RtmMessage message, String text) {
            this.calls.add("vipGroupChat:" + message.toId() + ":" + text);
        }

        @RtmListener(value = { RtmPushType.P2P_FILE, RtmPushType.P2P_MESSAGE }, users = "${test.support-uids}")
        void supportInbox(RtmMessage message, byte[] content) {
            this.calls.add("supportInbox:" + message.pushType() + ":" + message.toId() + ":" + content.length);
        }

        @RtmListener(value = RtmPushType.ROOM_CMD, rooms = "2001")
        void roomCommand(Map<String, Object> command) {
            this.calls.add("roomCommand:" + command.get("action"));
        }

        @RtmListener(value = RtmPushType.EVENT, events = "login")
        void login(RtmEvent event) {
            this.calls.add("login:" + event.uid());
        }

        @RtmListener(RtmPushType.EVENT)
        void anyEvent(RtmEvent event, String data) {
            this.calls.add("anyEvent:" + event.event() + ":" + data);
        }

        @RtmListener({ RtmPushType.GROUP_CMD, RtmPushType.ROOM_CHAT })
        void twoTypes() {
            this.calls.add("twoTypes");
        }

        @RtmListener(RtmPushType.GROUP_MESSAGE)
        void fails(RtmMessage message) {
            throw new IllegalStateException("listener failure " + message.messageId());
        }

        @RtmListener(RtmPushType.GROUP_MESSAGE)
        void alsoReceivesGroupMessages(RtmMessage message) {
            this.calls.add("alsoReceivesGroupMessages:" + message.messageId());
        }
    }

    static class EventParameterOnMessages {

        @RtmListener(RtmPushType.GROUP_CHAT)
        void bad(RtmEvent event) {
        }
    }

    static class TwoPayloads {

        @RtmListener(RtmPushType.GROUP_CHAT)
        void bad(String text, byte[] bytes) {
        }
    }

    static class Unsupported {

        @RtmListener(RtmPushType.GROUP_CHAT)
        void bad(long id) {
        }
    }

    static class NoTypes {

        @RtmListener({})
        void bad(RtmMessage message) {
        }
    }

    static class IdsOnEvent {

        @RtmListener(value = RtmPushType.EVENT, groups = "1")
        void bad(RtmEvent event) {
        }
    }

    static class EventsOnMessages {

        @RtmListener(value = RtmPushType.GROUP_CHAT, events = "login")
        void bad(RtmMessage message) {
        }
    }

    static class NotANumber {

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "${test.group-name}")
        void bad(RtmMessage message) {
        }
    }

    static class ReturnsAValue {

        @RtmListener(RtmPushType.GROUP_CHAT)
        String bad(RtmMessage message) {
            return "dropped";
        }
    }

    static class ReturnsANumber {

        @RtmListener(value = RtmPushType.GROUP_CHAT, replyFrom = "9001")
        int bad(RtmMessage message) {
            return 1;
        }
    }

    static class RepliesToEvents {

        @RtmListener(value = RtmPushType.EVENT, replyFrom = "9001")
        String bad(RtmEvent event) {
            return "welcome";
        }
    }

    static class ReplyFromNotANumber {

        @RtmListener(value = RtmPushType.GROUP_CHAT, replyFrom = "${test.group-name}")
        String bad(RtmMessage message) {
            return "hi";
        }
    }

    static class EmptyGroups {

        @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "${test.none:}")
        void bad(RtmMessage message) {
        }
    }

    static class EmptyRooms {

        @RtmListener(value = RtmPushType.ROOM_CHAT, rooms = { "${test.none:}", " " })
        void bad(RtmMessage message) {
        }
    }

    static class EmptyUsers {

        @RtmListener(value = RtmPushType.P2P_CHAT, users = "${test.none:}")
        void bad(RtmMessage message) {
        }
    }

    static class EmptyEvents {

        @RtmListener(value = RtmPushType.EVENT, events = "${test.none:}")
        void bad(RtmEvent event) {
        }
    }

    static class UnresolvedEvent {

        @RtmListener(value = RtmPushType.EVENT, events = "${test.missing}")
        void bad(RtmEvent event) {
        }
    }
}
