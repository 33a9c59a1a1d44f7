package io.rtm.spring.boot.autoconfigure.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.rtm.client.ListenState;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.listener.RtmConnectionLifecycle;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the RTM connection: {@code UP} when the client is connected and the
 * declared listen set is applied, {@code DOWN} otherwise. Details: the gateway
 * endpoint, since when the connection is up, how many times it was
 * re-established, a summary of the confirmed listen state and the time of the
 * last push. Never the secret key.
 */
public final class RtmHealthIndicator implements HealthIndicator {

    private final RtmServerClient client;

    private final RtmConnectionActivity activity;

    private final @Nullable RtmConnectionLifecycle lifecycle;

    /**
     * Creates the indicator of a client.
     *
     * @param client    the client whose connection and listen state are reported
     * @param activity  the client's connection activity
     * @param lifecycle tells whether the declared listen set is applied; {@code null} when there is
     *                  none, and then the connection alone counts
     */
    public RtmHealthIndicator(RtmServerClient client, RtmConnectionActivity activity,
            @Nullable RtmConnectionLifecycle lifecycle) {
        this.client = client;
        this.activity = activity;
        this.lifecycle = lifecycle;
    }

    @Override
    public Health health() {
        boolean connected = this.client.isConnected();
        boolean listenSetApplied = this.lifecycle == null || this.lifecycle.isDeclaredListenSetApplied();
        Health.Builder health = (connected && listenSetApplied) ? Health.up() : Health.down();
        health.withDetail("endpoint", this.client.endpoint().toString());
        health.withDetail("connected", connected);
        health.withDetail("listenSetApplied", listenSetApplied);
        Instant connectedSince = this.activity.connectedSince();
        if (connected && connectedSince != null) {
            health.withDetail("connectedSince", connectedSince.toString());
        }
        health.withDetail("reconnects", this.activity.reconnects());
        health.withDetail("listen", summary(this.client.listenState()));
        Instant lastPush = this.activity.lastPush();
        if (lastPush != null) {
            health.withDetail("lastPush", lastPush.toString());
        }
        return health.build();
    }

    private static Map<String, Object> summary(ListenState state) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("groups", state.groups().size());
        summary.put("rooms", state.rooms().size());
        summary.put("users", state.users().size());
        summary.put("events", state.events().size());
        summary.put("allP2p", state.allP2P());
        summary.put("allGroups", state.allGroups());
        summary.put("allRooms", state.allRooms());
        summary.put("allEvents", state.allEvents());
        return summary;
    }
}
