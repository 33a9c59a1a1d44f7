package io.rtm.spring.boot.autoconfigure;

import io.rtm.client.RtmServerClient;

/**
 * Adjusts the {@link RtmServerClient.Builder} after the {@code rtm.*} properties
 * are applied and before the client is built. Customizer beans are applied in
 * {@link org.springframework.core.annotation.Order order}.
 */
@FunctionalInterface
public interface RtmClientCustomizer {

    /**
     * Adjusts the builder.
     *
     * @param builder the client's builder, the {@code rtm.*} properties applied
     */
    void customize(RtmServerClient.Builder builder);
}
