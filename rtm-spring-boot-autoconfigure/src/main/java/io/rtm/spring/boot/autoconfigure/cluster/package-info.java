/**
 * Several instances of one application, one of them listening: leader election over Spring Integration's
 * {@code LockRegistryLeaderInitiator} and a distributed {@code LockRegistry} ({@code rtm.cluster.*}). The
 * leader holds the listen set; the others stay connected with listening suspended and take over when it goes.
 */
@NullMarked
package io.rtm.spring.boot.autoconfigure.cluster;

import org.jspecify.annotations.NullMarked;
