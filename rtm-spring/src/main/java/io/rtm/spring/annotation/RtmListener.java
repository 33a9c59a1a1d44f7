package io.rtm.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.rtm.client.RtmPushType;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.spring.listener.adapter.RtmListenerReflectiveProcessor;
import io.rtm.spring.listener.adapter.RtmPayloadConverter;

import org.springframework.aot.hint.annotation.Reflective;

/**
 * Marks a bean method that receives RTM server pushes of the given types; found on the beans of a
 * context with {@link EnableRtm @EnableRtm} (Spring Boot enables it by itself).
 *
 * <pre>{@code
 * @RtmListener(value = RtmPushType.P2P_FILE, users = "${support.uid}")
 * void onFileForSupport(RtmMessage message) { ... }
 * }</pre>
 *
 * <p>{@link #groups()}, {@link #rooms()}, {@link #users()} and {@link #events()}
 * both narrow which pushes reach the method and are added to what the client
 * listens to. Each value may hold {@code ${…}} placeholders and may list several
 * values separated by commas. An attribute given must resolve to at least one value: one that resolves to
 * nothing (an empty property) would leave the method unlimited, and stops startup instead.
 *
 * <p>Parameters, in any order, each at most once: {@link io.rtm.client.RtmMessage}
 * (message push types) or {@link io.rtm.client.RtmEvent} ({@link RtmPushType#EVENT}),
 * and one payload parameter: {@code String} (the text, or an event's data),
 * {@code byte[]} (the binary content or the text in UTF-8), or any other class
 * the JSON text converts to (needs Jackson on the classpath, or an
 * {@link RtmPayloadConverter} bean). The method returns {@code void}, or a reply to
 * send back (see {@link #replyFrom()}). An invalid method stops startup with a
 * message naming it. An exception thrown by the method goes to the
 * {@link RtmListenerErrorHandler} and affects nothing else.
 *
 * <p>For AOT processing, the method and its JSON payload types get their runtime hints
 * ({@link RtmListenerReflectiveProcessor}).
 */
@Target({ ElementType.METHOD, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Reflective(RtmListenerReflectiveProcessor.class)
public @interface RtmListener {

    /** The push types the method receives; at least one. */
    RtmPushType[] value();

    /**
     * The listener's id, unique in the context; may hold {@code ${…}} placeholders. It names the listener's
     * {@link io.rtm.spring.config.RtmListenerContainer container} in the registry and the {@code listener} tag
     * of the metrics. Default: {@code beanName.method(ParameterTypes)}.
     */
    String id() default "";

    /**
     * Whether the listener starts with the context: {@code "true"} or {@code "false"}, or a placeholder of
     * either. A listener that does not gets no push, and its ids are not listened to, until its container
     * is started. Default: it does.
     */
    String autoStartup() default "";

    /**
     * The user that what the method returns is sent from, back into the push's conversation (to the sender of
     * a P2P message, into the group or room of the others), like {@code @SendTo}; may hold {@code ${…}}
     * placeholders. The method may then return a {@code String} (a text reply), a {@code byte[]} (binary) or
     * an {@link io.rtm.spring.listener.RtmReply} (its own message type and attributes), of the push's message
     * type unless the reply says otherwise; {@code null} sends nothing. Default: the property
     * {@code rtm.listener.reply-from}. A method that returns a value with neither stops startup.
     */
    String replyFrom() default "";

    /** Group ids the method is limited to (group push types only); listened to. */
    String[] groups() default {};

    /** Room ids the method is limited to (room push types only); listened to. */
    String[] rooms() default {};

    /** Receiving user ids the method is limited to (P2P push types only); listened to. */
    String[] users() default {};

    /** Event names the method is limited to ({@link RtmPushType#EVENT} only); listened to. */
    String[] events() default {};
}
