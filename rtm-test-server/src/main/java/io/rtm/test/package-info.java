/**
 * An embedded RTM gateway for tests and local runs: {@link io.rtm.test.RtmTestServer}
 * on a real socket (protocol section 8), {@link io.rtm.test.EmbeddedRtmServer}
 * for JUnit 5, the standalone {@link io.rtm.test.RtmGatewayMain}, and
 * {@link io.rtm.test.GatewayExtension}s for further quest methods. No Spring.
 */
@NullMarked
package io.rtm.test;

import org.jspecify.annotations.NullMarked;
