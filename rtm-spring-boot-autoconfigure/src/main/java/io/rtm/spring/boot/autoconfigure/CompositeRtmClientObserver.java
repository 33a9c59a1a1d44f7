package io.rtm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmException;
import io.rtm.client.RtmPushType;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The one {@link RtmClientObserver} a client holds, passing every hook to the
 * application's observer beans (health, metrics, its own). Runs on network
 * threads: an observer's exception is logged at debug level and goes no further.
 */
final class CompositeRtmClientObserver implements RtmClientObserver {

    private static final Log logger = LogFactory.getLog(CompositeRtmClientObserver.class);

    private final List<RtmClientObserver> observers;

    private CompositeRtmClientObserver(List<RtmClientObserver> observers) {
        this.observers = observers;
    }

    /** {@link RtmClientObserver#NONE}, the one observer, or a composite of them all, in order. */
    static RtmClientObserver of(List<RtmClientObserver> observers) {
        return switch (observers.size()) {
            case 0 -> RtmClientObserver.NONE;
            case 1 -> observers.get(0);
            default -> new CompositeRtmClientObserver(List.copyOf(observers));
        };
    }

    @Override
    public void pushReceived(RtmPushType type) {
        forEach((observer) -> observer.pushReceived(type));
    }

    @Override
    public void duplicateDropped(RtmPushType type) {
        forEach((observer) -> observer.duplicateDropped(type));
    }

    @Override
    public void pushFailed(RtmPushType type) {
        forEach((observer) -> observer.pushFailed(type));
    }

    @Override
    public void malformedPush(String method) {
        forEach((observer) -> observer.malformedPush(method));
    }

    @Override
    public void questCompleted(String method, Duration elapsed, int errorCode) {
        forEach((observer) -> observer.questCompleted(method, elapsed, errorCode));
    }

    @Override
    public void reconnectAttempt(int attempt) {
        forEach((observer) -> observer.reconnectAttempt(attempt));
    }

    @Override
    public void listenRefused(RtmException refusal) {
        forEach((observer) -> observer.listenRefused(refusal));
    }

    @Override
    public void connected(boolean reconnect) {
        forEach((observer) -> observer.connected(reconnect));
    }

    @Override
    public void disconnected(boolean causedByError) {
        forEach((observer) -> observer.disconnected(causedByError));
    }

    private void forEach(Consumer<RtmClientObserver> call) {
        for (RtmClientObserver observer : this.observers) {
            try {
                call.accept(observer);
            } catch (RuntimeException ex) {
                logger.debug("RtmClientObserver " + observer.getClass().getName() + " failed", ex);
            }
        }
    }
}
