package io.rtm.spring.boot.autoconfigure.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.rtm.client.ListenState;
import io.rtm.client.RtmException;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterMember;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the RTM connection: {@code UP} when the client is connected, which
 * it counts only once the gateway confirmed the listen set, {@code DOWN}
 * otherwise. Details: the gateway endpoint, whether the confirmed listen set is
 * the desired one, why the gateway refuses it (while it does), since when the
 * connection is up, how many times it was re-established, a summary of the
 * confirmed listen state and the time of the last push; in a cluster, this
 * instance's role ({@code leader} or {@code standby}) and since when. Never the
 * secret key.
 */
public final class RtmHealthIndicator implements HealthIndicator {

    private final RtmServerClient client;

    private final RtmConnectionActivity activity;

    private final @Nullable RtmClusterMember cluster;

    /**
     * Creates the indicator of a client.
     *
     * @param client   the client whose connection and listen state are reported
     * @param activity the client's connection activity
     */
    public RtmHealthIndicator(RtmServerClient client, RtmConnectionActivity activity) {
        this(client, activity, null);
    }

    /**
     * Creates the indicator of a client that may be a member of a cluster.
     *
     * @param client   the client whose connection and listen state are reported
     * @param activity the client's connection activity
     * @param cluster  this instance's place in its cluster; {@code null} when it is on its own
     */
    public RtmHealthIndicator(RtmServerClient client, RtmConnectionActivity activity,
            @Nullable RtmClusterMember cluster) {
        this.client = client;
        this.activity = activity;
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        // connected means ready: the client counts a connection only once the gateway confirmed its listen set
        boolean connected = this.client.isConnected();
        ListenState confirmed = this.client.listenState();
        Health.Builder health = connected ? Health.up() : Health.down();
        health.withDetail("endpoint", this.client.endpoint().toString());
        health.withDetail("connected", connected);
        health.withDetail("listenSetApplied", connected && confirmed.equals(this.client.desiredListenState()));
        RtmException refusal = this.activity.listenRefusal();
        if (!connected && refusal != null) {
            health.withDetail("listenRefused", refusal.getMessage()
                    + (refusal.isCredentialsRejected() ? "; check rtm.project-id and rtm.secret-key" : ""));
        }
        Instant connectedSince = this.activity.connectedSince();
        if (connected && connectedSince != null) {
            health.withDetail("connectedSince", connectedSince.toString());
        }
        health.withDetail("reconnects", this.activity.reconnects());
        health.withDetail("listen", summary(confirmed));
        Instant lastPush = this.activity.lastPush();
        if (lastPush != null) {
            health.withDetail("lastPush", lastPush.toString());
        }
        if (this.cluster != null) {
            health.withDetail("role", this.cluster.role().name().toLowerCase(Locale.ROOT));
            health.withDetail("roleSince", this.cluster.roleSince().toString());
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
