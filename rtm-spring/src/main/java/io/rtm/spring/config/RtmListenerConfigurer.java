package io.rtm.spring.config;

/**
 * Implemented by beans that register listener endpoints in code, besides the {@code @RtmListener}
 * methods. Called once every singleton exists, before the context starts.
 *
 * <pre>{@code
 * @Bean
 * RtmListenerConfigurer auditListener(Audit audit) throws NoSuchMethodException {
 *     Method method = Audit.class.getMethod("record", RtmMessage.class);
 *     return (registrar) -> registrar.registerEndpoint(new RtmListenerEndpoint("audit", audit, method,
 *             Set.of(RtmPushType.GROUP_CHAT), Set.of(1001L), Set.of(), Set.of(), Set.of()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RtmListenerConfigurer {

    /** Registers endpoints with the registrar. */
    void configureRtmListeners(RtmListenerEndpointRegistrar registrar);
}
