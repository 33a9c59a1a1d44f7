/**
 * Listener work across instances through Kafka ({@code rtm.relay.kafka.*}): the receiving instance relays
 * every push to a topic keyed by conversation ({@link io.rtm.spring.boot.autoconfigure.relay.RtmKafkaPushRelay},
 * {@link io.rtm.spring.boot.autoconfigure.relay.RtmRelayCodec}), and every instance consumes it in one consumer
 * group and calls the same listener methods
 * ({@link io.rtm.spring.boot.autoconfigure.relay.RtmRelayMessageListener}), with spring-kafka's error handling.
 */
@NullMarked
package io.rtm.spring.boot.autoconfigure.relay;

import org.jspecify.annotations.NullMarked;
