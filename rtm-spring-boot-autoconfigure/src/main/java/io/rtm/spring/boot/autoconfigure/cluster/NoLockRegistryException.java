package io.rtm.spring.boot.autoconfigure.cluster;

/** {@code rtm.cluster.enabled} is set, but there is no lock registry to elect the leader with. */
final class NoLockRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NoLockRegistryException(String problem) {
        super("rtm.cluster.enabled is true, but " + problem);
    }
}
