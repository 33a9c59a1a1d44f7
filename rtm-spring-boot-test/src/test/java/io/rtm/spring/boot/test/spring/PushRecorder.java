package io.rtm.spring.boot.test.spring;

import java.lang.reflect.Method;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.listener.RtmConnectedEvent;
import io.rtm.spring.listener.RtmDisconnectedEvent;
import io.rtm.spring.listener.RtmListenerErrorHandler;

import org.springframework.context.event.EventListener;

/** Listener methods for every push type, filtered ones, a JSON one and a failing one; records every call. */
class PushRecorder implements RtmListenerErrorHandler {

    record Order(String item, int quantity) {
    }

    final List<String> calls = new CopyOnWriteArrayList<>();

    final List<Order> orders = new CopyOnWriteArrayList<>();

    final List<String> failures = new CopyOnWriteArrayList<>();

    final List<Object> connectionEvents = new CopyOnWriteArrayList<>();

    List<String> callsStartingWith(String prefix) {
        return this.calls.stream().filter((call) -> call.startsWith(prefix)).toList();
    }

    private void record(String method, RtmMessage message) {
        this.calls.add(method + ":" + message.pushType() + ":" + message.toId() + ":" + message.messageId());
    }

    @RtmListener(RtmPushType.P2P_MESSAGE)
    void p2pMessage(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.GROUP_MESSAGE)
    void groupMessage(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.ROOM_MESSAGE)
    void roomMessage(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.P2P_FILE)
    void p2pFile(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.GROUP_FILE)
    void groupFile(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.ROOM_FILE)
    void roomFile(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.P2P_CHAT)
    void p2pChat(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.GROUP_CHAT)
    void groupChat(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.ROOM_CHAT)
    void roomChat(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.P2P_CMD)
    void p2pCmd(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.GROUP_CMD)
    void groupCmd(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.ROOM_CMD)
    void roomCmd(RtmMessage message) {
        record("type", message);
    }

    @RtmListener(RtmPushType.EVENT)
    void event(RtmEvent event) {
        this.calls.add("type:EVENT:" + event.event() + ":" + event.uid());
    }

    @RtmListener(value = RtmPushType.GROUP_CHAT, groups = "${app.vip-group}")
    void vipGroupChat(RtmMessage message, String text) {
        this.calls.add("vip:" + message.toId() + ":" + text);
    }

    @RtmListener(value = RtmPushType.P2P_FILE, users = "${app.support-uid}")
    void supportFile(RtmMessage message) {
        record("support", message);
    }

    @RtmListener(value = RtmPushType.ROOM_CMD, rooms = "2002")
    void order(Order order) {
        this.orders.add(order);
    }

    @RtmListener(value = RtmPushType.EVENT, events = "logout")
    void logout(RtmEvent event) {
        this.calls.add("logout:" + event.uid());
    }

    @RtmListener(value = RtmPushType.GROUP_MESSAGE, groups = "1003")
    void failing(RtmMessage message) {
        throw new IllegalStateException("failing on " + message.messageId());
    }

    @Override
    public void handleError(Exception exception, Object push, Method method) {
        this.failures.add(method.getName() + ":" + exception.getMessage());
    }

    @EventListener
    void onConnected(RtmConnectedEvent event) {
        this.connectionEvents.add(event);
    }

    @EventListener
    void onDisconnected(RtmDisconnectedEvent event) {
        this.connectionEvents.add(event);
    }
}
