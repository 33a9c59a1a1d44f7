package io.rtm.spring.boot.autoconfigure.cluster;

import java.time.Instant;

/**
 * This instance's place in its cluster, as health and metrics read it. Free of Spring Integration types, so
 * that what reads it loads without them.
 */
public interface RtmClusterMember {

    /** The current role. */
    RtmClusterRole role();

    /** When the current role began. */
    Instant roleSince();

    /** Whether this instance is the leader, the one listening. */
    default boolean isLeader() {
        return role() == RtmClusterRole.LEADER;
    }
}
