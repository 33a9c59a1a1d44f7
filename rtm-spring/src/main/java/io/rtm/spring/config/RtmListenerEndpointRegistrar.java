package io.rtm.spring.config;

/**
 * Registers listener endpoints with the {@link RtmListenerEndpointRegistry}: what the annotation
 * post-processor and {@link RtmListenerConfigurer} beans use, with no access to the registry's lifecycle.
 */
public final class RtmListenerEndpointRegistrar {

    private final RtmListenerEndpointRegistry registry;

    /** @param registry where endpoints go */
    public RtmListenerEndpointRegistrar(RtmListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    /**
     * Registers an endpoint; its method's signature is checked when the push dispatcher builds its routes.
     *
     * @throws InvalidRtmListenerException when its id is taken
     */
    public void registerEndpoint(RtmListenerEndpoint endpoint) {
        this.registry.registerEndpoint(endpoint);
    }
}
