/**
 * The plain Java RTM server client: {@link io.rtm.client.RtmServerClient} with
 * its listen API, the push path ({@link io.rtm.client.RtmPushListener}, and the
 * seed API's {@link io.rtm.client.RtmServerPushMonitor} adapted onto it),
 * reconnects and de-duplication. No Spring; the wire layer is {@code io.rtm.fpnn}.
 */
@NullMarked
package io.rtm.client;

import org.jspecify.annotations.NullMarked;
