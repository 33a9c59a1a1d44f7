package io.rtm.test;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts one embedded RTM gateway ({@link RtmTestServer}) before the tests of
 * the annotated class and closes it after them. Test and lifecycle methods
 * (and constructors) get it by declaring an {@link RtmTestServer} parameter.
 *
 * <pre>{@code
 * @EmbeddedRtmServer
 * class PushTests {
 *     @Test
 *     void receivesGroupChat(RtmTestServer server) {
 *         // connect a client to server.endpoint() with server.projectId() and server.secretKey()
 *     }
 * }
 * }</pre>
 *
 * Works beside {@code @SpringBootTest}; the JUnit part is the
 * {@link EmbeddedRtmServerExtension}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmbeddedRtmServerExtension.class)
public @interface EmbeddedRtmServer {

    /** The port to bind on 127.0.0.1; 0 (the default) picks a free one. */
    int port() default 0;

    /** The project id the gateway accepts. */
    long projectId() default RtmTestServer.DEFAULT_PROJECT_ID;

    /** The secret the gateway checks signatures with. */
    String secretKey() default RtmTestServer.DEFAULT_SECRET_KEY;
}
