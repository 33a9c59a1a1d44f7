package io.rtm.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every monitor callback as it arrives, with the thread it ran on. */
final class RecordingMonitor implements RtmServerPushMonitor {

    record Call(String callback, Object argument, String thread) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();

    private void record(String callback, Object argument) {
        calls.add(new Call(callback, argument, Thread.currentThread().getName()));
    }

    List<Call> calls(String callback) {
        return calls.stream().filter(call -> call.callback().equals(callback)).toList();
    }

    List<RtmMessage> messages() {
        return calls.stream().filter(call -> call.argument() instanceof RtmMessage)
                .map(call -> (RtmMessage) call.argument()).toList();
    }

    int pushCount() {
        return (int) calls.stream().filter(call -> call.callback().startsWith("push")).count();
    }

    @Override
    public void connected(String endpoint, boolean connected, boolean isReconnect) {
        record("connected", List.of(endpoint, connected, isReconnect));
    }

    @Override
    public void closed(String endpoint, boolean causedByError, boolean isReconnect) {
        record("closed", List.of(endpoint, causedByError, isReconnect));
    }

    @Override
    public void pushP2PMessage(RtmMessage message) {
        record("pushP2PMessage", message);
    }

    @Override
    public void pushGroupMessage(RtmMessage message) {
        record("pushGroupMessage", message);
    }

    @Override
    public void pushRoomMessage(RtmMessage message) {
        record("pushRoomMessage", message);
    }

    @Override
    public void pushP2PFile(RtmMessage message) {
        record("pushP2PFile", message);
    }

    @Override
    public void pushGroupFile(RtmMessage message) {
        record("pushGroupFile", message);
    }

    @Override
    public void pushRoomFile(RtmMessage message) {
        record("pushRoomFile", message);
    }

    @Override
    public void pushP2PChat(RtmMessage message) {
        record("pushP2PChat", message);
    }

    @Override
    public void pushP2PCmd(RtmMessage message) {
        record("pushP2PCmd", message);
    }

    @Override
    public void pushGroupChat(RtmMessage message) {
        record("pushGroupChat", message);
    }

    @Override
    public void pushGroupCmd(RtmMessage message) {
        record("pushGroupCmd", message);
    }

    @Override
    public void pushRoomChat(RtmMessage message) {
        record("pushRoomChat", message);
    }

    @Override
    public void pushRoomCmd(RtmMessage message) {
        record("pushRoomCmd", message);
    }

    @Override
    public void pushEvent(RtmEvent event) {
        record("pushEvent", event);
    }

    @Override
    public void ping() {
        record("ping", null);
    }
}
