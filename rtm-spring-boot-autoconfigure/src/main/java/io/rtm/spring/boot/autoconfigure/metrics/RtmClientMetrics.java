package io.rtm.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmPushType;
import io.rtm.fpnn.FpnnErrorCode;

/**
 * Micrometer meters fed by the client's observer hooks:
 * <ul>
 * <li>{@code rtm.pushes} (counter, tag {@code type}): pushes received, duplicates left out;</li>
 * <li>{@code rtm.pushes.duplicates} (counter, tag {@code type}): pushes dropped as duplicates;</li>
 * <li>{@code rtm.pushes.failed} (counter, tag {@code type}): pushes whose handling, finished later, failed;</li>
 * <li>{@code rtm.pushes.malformed} (counter, tag {@code method}): pushes that could not be read;</li>
 * <li>{@code rtm.quests} (timer, tags {@code method} and {@code outcome}: {@code SUCCESS}, {@code TIMEOUT},
 * {@code ERROR}): quests sent to the gateway, listen calls included;</li>
 * <li>{@code rtm.reconnects} (counter): reconnect attempts.</li>
 * </ul>
 * Push counters are registered up front: the hooks run on the network thread.
 */
public final class RtmClientMetrics implements RtmClientObserver {

    private final Map<RtmPushType, Counter> pushes = new EnumMap<>(RtmPushType.class);

    private final Map<RtmPushType, Counter> duplicates = new EnumMap<>(RtmPushType.class);

    private final Map<RtmPushType, Counter> failed = new EnumMap<>(RtmPushType.class);

    private final Meter.MeterProvider<Counter> malformed;

    private final Meter.MeterProvider<Timer> quests;

    private final Counter reconnects;

    /** @param registry where the meters are registered, all of them at once */
    public RtmClientMetrics(MeterRegistry registry) {
        for (RtmPushType type : RtmPushType.values()) {
            this.pushes.put(type, Counter.builder("rtm.pushes")
                .description("Pushes received from the RTM gateway, duplicates left out")
                .tag("type", type.name())
                .register(registry));
            this.duplicates.put(type, Counter.builder("rtm.pushes.duplicates")
                .description("Pushes dropped as duplicates of ones already received")
                .tag("type", type.name())
                .register(registry));
            this.failed.put(type, Counter.builder("rtm.pushes.failed")
                .description("Pushes whose handling, finished later, failed; left unanswered to be pushed again")
                .tag("type", type.name())
                .register(registry));
        }
        this.malformed = Counter.builder("rtm.pushes.malformed")
            .description("Pushes that could not be read, answered with an error")
            .withRegistry(registry);
        this.quests = Timer.builder("rtm.quests")
            .description("Quests sent to the RTM gateway, listen calls included")
            .withRegistry(registry);
        this.reconnects = Counter.builder("rtm.reconnects")
            .description("Attempts to reconnect to the RTM gateway")
            .register(registry);
    }

    @Override
    public void pushReceived(RtmPushType type) {
        this.pushes.get(type).increment();
    }

    @Override
    public void duplicateDropped(RtmPushType type) {
        this.duplicates.get(type).increment();
    }

    @Override
    public void pushFailed(RtmPushType type) {
        this.failed.get(type).increment();
    }

    @Override
    public void malformedPush(String method) {
        this.malformed.withTag("method", method).increment();
    }

    @Override
    public void questCompleted(String method, Duration elapsed, int errorCode) {
        this.quests.withTags("method", method, "outcome", outcome(errorCode)).record(elapsed);
    }

    @Override
    public void reconnectAttempt(int attempt) {
        this.reconnects.increment();
    }

    private static String outcome(int errorCode) {
        if (errorCode == 0) {
            return "SUCCESS";
        }
        return (errorCode == FpnnErrorCode.CORE_TIMEOUT) ? "TIMEOUT" : "ERROR";
    }
}
