package io.rtm.spring.config;

/**
 * The names of the beans that {@link io.rtm.spring.annotation.EnableRtm @EnableRtm} registers. Each is
 * registered only when no bean of that name exists yet: an application replaces one by defining a bean
 * with its name.
 */
public final class RtmListenerConfigUtils {

    /** The {@link io.rtm.spring.annotation.RtmListenerAnnotationBeanPostProcessor}. */
    public static final String RTM_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME =
            "io.rtm.spring.config.internalRtmListenerAnnotationProcessor";

    /** The {@link RtmListenerEndpointRegistry}. */
    public static final String RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME =
            "io.rtm.spring.config.internalRtmListenerEndpointRegistry";

    /** The {@link io.rtm.spring.listener.RtmPushDispatcher}. */
    public static final String RTM_PUSH_DISPATCHER_BEAN_NAME = "io.rtm.spring.config.internalRtmPushDispatcher";

    /** The {@link io.rtm.spring.listener.RtmConnectionLifecycle}. */
    public static final String RTM_CONNECTION_LIFECYCLE_BEAN_NAME =
            "io.rtm.spring.config.internalRtmConnectionLifecycle";

    private RtmListenerConfigUtils() {
    }
}
