package io.rtm.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import io.rtm.client.KeepAlivePolicy;
import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmEncryption;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.listener.RtmStartupOptions;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;

/**
 * Applies the tuning properties ({@code rtm.*} beyond the connection details) to
 * a client builder, turning values the client rejects into failures that name
 * the property.
 */
final class RtmClientSettings {

    private RtmClientSettings() {
    }

    static void apply(RtmProperties properties, RtmServerClient.Builder builder) {
        builder.connectTimeout(positive(properties.getConnectTimeout(), "rtm.connect-timeout"))
            .questTimeout(positive(properties.getQuestTimeout(), "rtm.quest-timeout"))
            .maxPayloadSize(maxPackageSize(properties))
            .dedupCapacity(atLeast(properties.getDedupCapacity(), 0, "rtm.dedup-capacity"))
            .reconnect(reconnect(properties.getReconnect()))
            .keepAlive(keepAlive(properties.getKeepAlive()))
            .dispatchThreads(atLeast(properties.getListener().getConcurrency(), 1, "rtm.listener.concurrency"))
            .dispatchQueueCapacity(
                    atLeast(properties.getListener().getQueueCapacity(), 1, "rtm.listener.queue-capacity"))
            .shutdownTimeout(positive(properties.getListener().getShutdownTimeout(), "rtm.listener.shutdown-timeout"))
            .ackMode(properties.getListener().getAckMode())
            .credentialsDescription("rtm.project-id and rtm.secret-key")
            .encryption(encryption(properties.getEncryption()));
    }

    /** The encryption settings, or {@code null} (a plain connection) when no public key is configured. */
    private static @Nullable RtmEncryption encryption(RtmProperties.Encryption encryption) {
        Resource publicKey = encryption.getPublicKey();
        if (publicKey == null) {
            return null;
        }
        byte[] key;
        try (InputStream in = publicKey.getInputStream()) {
            key = in.readAllBytes();
        }
        catch (IOException ex) {
            throw new InvalidRtmPropertyException("rtm.encryption.public-key",
                    "cannot be read from " + publicKey.getDescription() + ": " + ex.getMessage(),
                    "Point rtm.encryption.public-key at the gateway's public key, for example "
                            + "classpath:rtm-gateway-public.pem or file:/etc/rtm/gateway.pem.");
        }
        try {
            return RtmEncryption.fromKey(key, encryption.getCurve())
                .withMode(encryption.getMode())
                .withKeySize(encryption.getKeySize());
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidRtmPropertyException("rtm.encryption", "is invalid: " + ex.getMessage(),
                    "Check rtm.encryption.public-key (PEM, DER, or raw X and Y with rtm.encryption.curve set), "
                            + "rtm.encryption.curve and rtm.encryption.key-size (128 or 256).");
        }
    }

    /** How the listener lifecycle starts, from {@code rtm.startup.*}. */
    static RtmStartupOptions startup(RtmProperties.Startup startup) {
        return new RtmStartupOptions(positive(startup.getTimeout(), "rtm.startup.timeout"),
                startup.isFailIfUnreachable());
    }

    private static int maxPackageSize(RtmProperties properties) {
        long bytes = properties.getMaxPackageSize().toBytes();
        if (bytes < 1 || bytes > Integer.MAX_VALUE) {
            throw new InvalidRtmPropertyException("rtm.max-package-size", "must be between 1B and 2GB, not "
                    + properties.getMaxPackageSize(), "Set rtm.max-package-size to a size such as 8MB.");
        }
        return (int) bytes;
    }

    private static ReconnectPolicy reconnect(RtmProperties.Reconnect reconnect) {
        try {
            return new ReconnectPolicy(reconnect.isEnabled(), reconnect.getInitialDelay(), reconnect.getMaxDelay(),
                    reconnect.getMultiplier(), reconnect.getJitter(), reconnect.getFastRetryInterval(),
                    reconnect.getFastRetryWindow());
        } catch (IllegalArgumentException ex) {
            throw new InvalidRtmPropertyException("rtm.reconnect", "is invalid: " + ex.getMessage(),
                    "Fix the rtm.reconnect.* settings, or remove them to use the defaults.");
        }
    }

    private static KeepAlivePolicy keepAlive(RtmProperties.KeepAlive keepAlive) {
        try {
            return new KeepAlivePolicy(keepAlive.isEnabled(), keepAlive.getPingInterval(), keepAlive.getPingTimeout(),
                    keepAlive.getRetries());
        } catch (IllegalArgumentException ex) {
            throw new InvalidRtmPropertyException("rtm.keep-alive", "is invalid: " + ex.getMessage(),
                    "Fix the rtm.keep-alive.* settings, or remove them to use the defaults.");
        }
    }

    private static Duration positive(@Nullable Duration value, String property) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidRtmPropertyException(property, "must be a positive duration, not " + value,
                    "Set " + property + " to a positive duration such as 5s.");
        }
        return value;
    }

    private static int atLeast(int value, int minimum, String property) {
        if (value < minimum) {
            throw new InvalidRtmPropertyException(property, "must be at least " + minimum + ", not " + value,
                    "Set " + property + " to " + minimum + " or more.");
        }
        return value;
    }
}
