/**
 * Pushes on their way to listener methods: the {@link io.rtm.spring.listener.RtmPushDispatcher}, the client's
 * push and connection listener, calls the matching methods (through the
 * {@link io.rtm.spring.listener.RtmListenerInterceptor}s, failures to the
 * {@link io.rtm.spring.listener.RtmListenerErrorHandler}, which retries, then the
 * {@link io.rtm.spring.listener.RtmListenerRecoverer}) and the monitor beans, and publishes
 * {@link io.rtm.spring.listener.RtmConnectedEvent} and {@link io.rtm.spring.listener.RtmDisconnectedEvent};
 * the {@link io.rtm.spring.listener.RtmConnectionLifecycle} connects the client when the context starts and
 * disconnects it when the context stops (the client is closed when its own bean is destroyed).
 */
@NullMarked
package io.rtm.spring.listener;

import org.jspecify.annotations.NullMarked;
