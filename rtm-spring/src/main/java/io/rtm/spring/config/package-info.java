/**
 * The listener endpoints: {@link io.rtm.spring.config.RtmListenerEndpoint} (one listener method and the pushes
 * it takes), the {@link io.rtm.spring.config.RtmListenerEndpointRegistry} that holds them, and the
 * {@link io.rtm.spring.config.RtmListenerConfigurer} hook through which code registers endpoints of its own.
 */
@NullMarked
package io.rtm.spring.config;

import org.jspecify.annotations.NullMarked;
