/**
 * Auto-configuration of the RTM server client: {@link io.rtm.spring.boot.autoconfigure.RtmProperties},
 * {@link io.rtm.spring.boot.autoconfigure.RtmConnectionDetails}, failure analysis of invalid settings, and
 * {@link io.rtm.spring.annotation.EnableRtm @EnableRtm} for {@code @RtmListener} methods.
 */
@NullMarked
package io.rtm.spring.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
