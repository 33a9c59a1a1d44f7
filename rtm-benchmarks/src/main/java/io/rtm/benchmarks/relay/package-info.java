/**
 * The {@code relay} scenario's application: an instance that receives and relays pushes through Kafka, or
 * consumes them and spends a fixed time on each.
 */
@NullMarked
package io.rtm.benchmarks.relay;

import org.jspecify.annotations.NullMarked;
