/**
 * {@code @EmbeddedRtmServer} on Spring Boot tests: a gateway per test context,
 * the starter pointed at it through {@code RtmConnectionDetails}.
 */
@NullMarked
package io.rtm.spring.boot.test;

import org.jspecify.annotations.NullMarked;
