package io.rtm.spring.boot.autoconfigure.relay;

import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * Changes the relay's consumer container once the starter has set it up: its error handler (by default a
 * {@code DefaultErrorHandler} with {@code rtm.listener.retry.*} and then the dead-letter topic or the
 * {@link io.rtm.spring.listener.RtmListenerRecoverer}), its container properties (ack mode, observation), and
 * so on. Beans of this type are applied in their order. A customizer, unlike a {@code CommonErrorHandler} bean,
 * leaves the application's own Kafka listener containers alone, to which Spring Boot gives a unique one.
 */
@FunctionalInterface
public interface RtmRelayContainerCustomizer {

    /** Customizes the container, before it starts. */
    void customize(ConcurrentMessageListenerContainer<byte[], byte[]> container);
}
