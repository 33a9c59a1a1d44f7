package io.rtm.spring.boot.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.rtm.client.KeepAlivePolicy;
import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmEncryption;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.InvalidRtmPropertyException.Problem;
import io.rtm.spring.listener.RtmStartupOptions;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;

/**
 * Applies the tuning properties ({@code rtm.*} beyond the connection details) to
 * a client builder, turning values the client rejects, or would choke on, into
 * failures that name the property, all of them at once.
 */
final class RtmClientSettings {

    /**
     * Listener threads beyond which a value is taken for a mistake. Each is a thread of its own and pushes of one
     * conversation stay on one, so more threads than conversations busy at once only wait; far beyond, a typo
     * (100000) starts threads until the JVM runs out of memory.
     */
    private static final int MAX_CONCURRENCY = 256;

    /**
     * The smallest package accepted. A push carries about 100 bytes of fields (ids, message id, type, time and
     * their keys) besides its message and attributes: a file message's two JSON descriptors take hundreds of
     * bytes, a chat of a few thousand characters (three UTF-8 bytes each in CJK) around 10 KiB. A maximum below
     * that closes the connection on an ordinary push, again after every reconnect.
     */
    private static final DataSize MIN_PACKAGE_SIZE = DataSize.ofKilobytes(16);

    /** The encryption settings that mean nothing without {@code rtm.encryption.public-key}. */
    private static final List<String> ENCRYPTION_SETTINGS = List.of("rtm.encryption.curve", "rtm.encryption.mode",
            "rtm.encryption.key-size");

    private RtmClientSettings() {
    }

    /**
     * Applies the properties to the builder.
     *
     * @param binder tells which properties are set, whatever their value
     * @throws InvalidRtmPropertyException naming every property that is invalid
     */
    static void apply(RtmProperties properties, Binder binder, RtmServerClient.Builder builder) {
        List<Problem> problems = new ArrayList<>();
        RtmProperties.Listener listener = properties.getListener();
        // invalid values reach the builder too; the problems are thrown before it builds
        builder.connectTimeout(positive(properties.getConnectTimeout(), "rtm.connect-timeout", problems))
            .questTimeout(positive(properties.getQuestTimeout(), "rtm.quest-timeout", problems))
            .maxPayloadSize(maxPackageSize(properties.getMaxPackageSize(), problems))
            .dedupCapacity(atLeast(properties.getDedupCapacity(), 0, "rtm.dedup-capacity", problems))
            .dispatchThreads(between(listener.getConcurrency(), 1, MAX_CONCURRENCY, "rtm.listener.concurrency",
                    problems))
            .dispatchQueueCapacity(atLeast(listener.getQueueCapacity(), 1, "rtm.listener.queue-capacity", problems))
            .shutdownTimeout(positive(listener.getShutdownTimeout(), "rtm.listener.shutdown-timeout", problems))
            .ackMode(listener.getAckMode())
            .credentialsDescription("rtm.project-id and rtm.secret-key")
            .encryption(encryption(properties.getEncryption(), binder, problems));
        @Nullable ReconnectPolicy reconnect = reconnect(properties.getReconnect(), problems);
        if (reconnect != null) {
            builder.reconnect(reconnect);
        }
        @Nullable KeepAlivePolicy keepAlive = keepAlive(properties.getKeepAlive(), problems);
        if (keepAlive != null) {
            builder.keepAlive(keepAlive);
        }
        InvalidRtmPropertyException.throwIfAny(problems);
    }

    /** The encryption settings, or {@code null} (a plain connection) when no public key is configured. */
    private static @Nullable RtmEncryption encryption(RtmProperties.Encryption encryption, Binder binder,
            List<Problem> problems) {
        Resource publicKey = encryption.getPublicKey();
        if (publicKey == null) {
            // set without the key, they would leave the connection plain without a word
            ENCRYPTION_SETTINGS.stream()
                .filter((property) -> binder.bind(property, String.class).isBound())
                .forEach((property) -> problems.add(new Problem(property,
                        "is set, but rtm.encryption.public-key is not: the connection would not be encrypted",
                        "Set rtm.encryption.public-key to the gateway's public key (for example "
                                + "classpath:rtm-gateway-public.pem) to encrypt the connection, or remove "
                                + property + ".")));
            return null;
        }
        byte[] key;
        try (InputStream in = publicKey.getInputStream()) {
            key = in.readAllBytes();
        }
        catch (IOException ex) {
            problems.add(new Problem("rtm.encryption.public-key",
                    "cannot be read from " + publicKey.getDescription() + ": " + ex.getMessage(),
                    "Point rtm.encryption.public-key at the gateway's public key, for example "
                            + "classpath:rtm-gateway-public.pem or file:/etc/rtm/gateway.pem."));
            return null;
        }
        try {
            return RtmEncryption.fromKey(key, encryption.getCurve())
                .withMode(encryption.getMode())
                .withKeySize(encryption.getKeySize());
        }
        catch (IllegalArgumentException ex) {
            problems.add(new Problem("rtm.encryption", "is invalid: " + ex.getMessage(),
                    "Check rtm.encryption.public-key (PEM, DER, or raw X and Y with rtm.encryption.curve set), "
                            + "rtm.encryption.curve and rtm.encryption.key-size (128 or 256)."));
            return null;
        }
    }

    /** How the listener lifecycle starts, from {@code rtm.startup.*}. */
    static RtmStartupOptions startup(RtmProperties.Startup startup) {
        List<Problem> problems = new ArrayList<>();
        Duration timeout = positive(startup.getTimeout(), "rtm.startup.timeout", problems);
        InvalidRtmPropertyException.throwIfAny(problems);
        return new RtmStartupOptions(timeout, startup.isFailIfUnreachable());
    }

    /**
     * How a failed listener is called again, from {@code rtm.listener.retry.*}; {@code null} when it is not.
     *
     * @throws InvalidRtmPropertyException naming every property that is invalid
     */
    static @Nullable RetryPolicy listenerRetry(RtmProperties.Retry retry) {
        if (!retry.isEnabled()) {
            return null;
        }
        List<Problem> problems = new ArrayList<>();
        int maxAttempts = atLeast(retry.getMaxAttempts(), 1, "rtm.listener.retry.max-attempts", problems);
        Duration initial = positive(retry.getInitialInterval(), "rtm.listener.retry.initial-interval", problems);
        Duration max = positive(retry.getMaxInterval(), "rtm.listener.retry.max-interval", problems);
        if (retry.getMultiplier() < 1) {
            problems.add(new Problem("rtm.listener.retry.multiplier", "must be at least 1, not " + retry.getMultiplier(),
                    "Set rtm.listener.retry.multiplier to 1 (the same time between every call) or more."));
        }
        if (max.compareTo(initial) < 0) {
            problems.add(new Problem("rtm.listener.retry.max-interval", "is " + max
                    + ", shorter than rtm.listener.retry.initial-interval (" + initial + ")",
                    "Set rtm.listener.retry.max-interval to at least rtm.listener.retry.initial-interval."));
        }
        InvalidRtmPropertyException.throwIfAny(problems);
        return RetryPolicy.builder()
            .maxRetries(maxAttempts - 1)
            .delay(initial)
            .multiplier(retry.getMultiplier())
            .maxDelay(max)
            .build();
    }

    private static int maxPackageSize(DataSize size, List<Problem> problems) {
        long bytes = size.toBytes();
        if (bytes < MIN_PACKAGE_SIZE.toBytes() || bytes > Integer.MAX_VALUE) {
            problems.add(new Problem("rtm.max-package-size", "must be between 16KB and 2GB, not " + size
                    + ": a push needs about 100 bytes besides its message, and a message may be thousands",
                    "Set rtm.max-package-size to a size such as 8MB (the default), at least 16KB."));
        }
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }

    private static @Nullable ReconnectPolicy reconnect(RtmProperties.Reconnect reconnect, List<Problem> problems) {
        try {
            return new ReconnectPolicy(reconnect.isEnabled(), reconnect.getInitialDelay(), reconnect.getMaxDelay(),
                    reconnect.getMultiplier(), reconnect.getJitter(), reconnect.getFastRetryInterval(),
                    reconnect.getFastRetryWindow());
        } catch (IllegalArgumentException ex) {
            problems.add(new Problem("rtm.reconnect", "is invalid: " + ex.getMessage(),
                    "Fix the rtm.reconnect.* settings, or remove them to use the defaults."));
            return null;
        }
    }

    private static @Nullable KeepAlivePolicy keepAlive(RtmProperties.KeepAlive keepAlive, List<Problem> problems) {
        try {
            return new KeepAlivePolicy(keepAlive.isEnabled(), keepAlive.getPingInterval(), keepAlive.getPingTimeout(),
                    keepAlive.getRetries());
        } catch (IllegalArgumentException ex) {
            problems.add(new Problem("rtm.keep-alive", "is invalid: " + ex.getMessage(),
                    "Fix the rtm.keep-alive.* settings, or remove them to use the defaults."));
            return null;
        }
    }

    private static Duration positive(@Nullable Duration value, String property, List<Problem> problems) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(new Problem(property, "must be a positive duration, not " + value,
                    "Set " + property + " to a positive duration such as 5s."));
            return Duration.ofSeconds(1); // a stand-in: the problem is thrown before anything uses it
        }
        return value;
    }

    private static int atLeast(int value, int minimum, String property, List<Problem> problems) {
        if (value < minimum) {
            problems.add(new Problem(property, "must be at least " + minimum + ", not " + value,
                    "Set " + property + " to " + minimum + " or more."));
        }
        return value;
    }

    private static int between(int value, int minimum, int maximum, String property, List<Problem> problems) {
        if (value < minimum || value > maximum) {
            problems.add(new Problem(property, "must be between " + minimum + " and " + maximum + ", not " + value,
                    "Set " + property + " to a number from " + minimum + " to " + maximum + "."));
        }
        return value;
    }
}
