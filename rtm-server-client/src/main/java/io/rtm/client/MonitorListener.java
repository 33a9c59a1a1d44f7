package io.rtm.client;

import java.util.Objects;

/**
 * An {@link RtmServerPushMonitor} on the client's push and connection paths:
 * a message goes to the one callback of its push type.
 */
final class MonitorListener implements RtmPushListener, RtmConnectionListener {

    private final RtmServerPushMonitor monitor;

    MonitorListener(RtmServerPushMonitor monitor) {
        this.monitor = Objects.requireNonNull(monitor, "monitor");
    }

    @Override
    public void onMessage(RtmMessage message) {
        RtmServerPushMonitor.dispatch(monitor, message);
    }

    @Override
    public void onEvent(RtmEvent event) {
        monitor.pushEvent(event);
    }

    @Override
    public void connected(RtmEndpoint endpoint, boolean reconnect) {
        monitor.connected(endpoint.toString(), true, reconnect);
    }

    @Override
    public void connectFailed(RtmEndpoint endpoint, boolean reconnect) {
        monitor.connected(endpoint.toString(), false, reconnect);
    }

    @Override
    public void disconnected(RtmEndpoint endpoint, boolean causedByError, boolean willReconnect) {
        monitor.closed(endpoint.toString(), causedByError, willReconnect);
    }

    @Override
    public void pinged() {
        monitor.ping();
    }
}
