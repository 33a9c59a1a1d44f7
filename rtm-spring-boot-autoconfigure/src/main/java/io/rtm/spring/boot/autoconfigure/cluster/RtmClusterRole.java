package io.rtm.spring.boot.autoconfigure.cluster;

/**
 * What an instance of a cluster does: the leader listens, a standby stays connected with listening
 * suspended, ready to take over.
 */
public enum RtmClusterRole {

    /** Holds the lock; the gateway pushes to this instance. */
    LEADER,

    /** Connected, with nothing listened; tries for the lock. */
    STANDBY
}
