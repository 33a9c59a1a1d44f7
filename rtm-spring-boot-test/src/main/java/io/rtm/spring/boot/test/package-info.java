/**
 * {@code @EmbeddedRtmServer} on Spring Boot tests: a gateway per test context,
 * the starter pointed at it through {@code RtmConnectionDetails}; and
 * {@link io.rtm.spring.boot.test.RtmListenerTest @RtmListenerTest}, which adds
 * the {@link io.rtm.spring.boot.test.RtmListenerTestHarness}: it records every
 * call of a listener method ({@link io.rtm.spring.boot.test.RtmListenerInvocation})
 * for the test to wait for and look at.
 */
@NullMarked
package io.rtm.spring.boot.test;

import org.jspecify.annotations.NullMarked;
