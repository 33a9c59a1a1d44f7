package io.rtm.spring.boot.autoconfigure.cluster;

import org.springframework.context.ApplicationEvent;

/**
 * This instance became the leader of its cluster, or a standby again. Published on the election's thread,
 * which also renews the lock: listeners must return quickly. A leader's listening is resumed when the event
 * is published (the gateway may not have confirmed it yet); a standby's is suspended. Spring Integration's
 * {@code OnGrantedEvent} and {@code OnRevokedEvent} are published as well, just after this event.
 */
public class RtmClusterRoleChangedEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final RtmClusterRole role;

    private final String lockKey;

    /**
     * Creates the event.
     *
     * @param source  the leadership that changed
     * @param role    the new role
     * @param lockKey the key of the cluster's lock ({@code rtm.cluster.role})
     */
    public RtmClusterRoleChangedEvent(Object source, RtmClusterRole role, String lockKey) {
        super(source);
        this.role = role;
        this.lockKey = lockKey;
    }

    /** The new role. */
    public RtmClusterRole getRole() {
        return this.role;
    }

    /** The key of the cluster's lock ({@code rtm.cluster.role}). */
    public String getLockKey() {
        return this.lockKey;
    }

    @Override
    public String toString() {
        return "RtmClusterRoleChangedEvent{role=" + this.role + ", lockKey=" + this.lockKey + "}";
    }
}
