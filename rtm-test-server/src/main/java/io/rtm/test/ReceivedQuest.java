package io.rtm.test;

import io.rtm.fpnn.Payload;
import org.jspecify.annotations.Nullable;

/**
 * A quest a client sent to the embedded gateway, recorded exactly as it
 * arrived (signature fields included) so tests can assert what went on the wire.
 *
 * @param connectionId the {@link GatewayConnection#id()} it arrived on
 * @param method       the quest's method
 * @param payload      its payload, or {@code null} when the bytes were not a valid msgpack map
 */
public record ReceivedQuest(long connectionId, String method, @Nullable Payload payload) {
}
