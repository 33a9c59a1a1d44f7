package io.rtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * Turns on {@link RtmListener @RtmListener} methods for the {@code RtmServerClient} bean of the context:
 * on a {@code @Configuration} class, with that bean defined, it is all a Spring application needs.
 *
 * <pre>{@code
 * @Configuration
 * @EnableRtm
 * class RtmConfiguration {
 *
 *     @Bean
 *     RtmServerClient rtmServerClient() {
 *         return RtmServerClient.builder().endpoint("rtm-gateway.example.com:13315").projectId(11000001)
 *             .secretKey(secret).build();
 *     }
 * }
 * }</pre>
 *
 * <p>It registers, under the names in {@link io.rtm.spring.config.RtmListenerConfigUtils} and only where
 * no bean of that name exists yet, the {@link RtmListenerAnnotationBeanPostProcessor}, the
 * {@link io.rtm.spring.config.RtmListenerEndpointRegistry}, the {@link io.rtm.spring.listener.RtmPushDispatcher}
 * and the {@link io.rtm.spring.listener.RtmConnectionLifecycle}, which connects the client when the context
 * starts and disconnects it when the context stops (the client is closed when its own bean is destroyed).
 * Optional beans: an
 * {@link io.rtm.spring.listener.RtmListenerErrorHandler} (otherwise failures go to the
 * {@link io.rtm.spring.listener.RtmListenerRecoverer} bean, or are logged), an
 * {@link io.rtm.spring.listener.adapter.RtmPayloadConverter} (otherwise Jackson's, when present),
 * {@link io.rtm.spring.listener.RtmListenerInterceptor}s (in order),
 * {@link io.rtm.client.RtmServerPushMonitor}s (every push after the listeners), an
 * {@link io.rtm.spring.listener.RtmPushRelay} (received pushes go to it instead of the listeners, and reach
 * them from the relay through {@link io.rtm.spring.listener.RtmPushDispatcher#dispatchRelayed}),
 * {@link io.rtm.spring.config.RtmListenerConfigurer}s (endpoints registered in code) and
 * {@link io.rtm.client.ListenState}s (listened to besides the ids named on listeners).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(RtmBootstrapConfiguration.class)
public @interface EnableRtm {
}
