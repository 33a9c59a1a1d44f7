package io.rtm.test;

import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Optional;

/**
 * Supplies the gateway of a test whose gateway another framework manages, such
 * as the Spring TestContext framework, which starts one per application
 * context. {@link EmbeddedRtmServerExtension} asks every resolver found by
 * {@link java.util.ServiceLoader} (listed in
 * {@code META-INF/services/io.rtm.test.EmbeddedRtmServerResolver}) before it
 * starts a gateway of its own.
 */
public interface EmbeddedRtmServerResolver {

    /** The gateway the test should get, or empty when this resolver does not manage the test. */
    Optional<RtmTestServer> serverFor(ExtensionContext context);
}
