package io.rtm.client;

import org.jspecify.annotations.Nullable;

import java.time.Duration;

/**
 * The validated settings of one {@link RtmServerClient}, as its
 * {@link RtmServerClient.Builder} collected them.
 *
 * @param endpoint              the gateway
 * @param projectId             the project id quests are signed for
 * @param connectTimeout        how long a connection attempt, and {@code connect()}, may take
 * @param questTimeout          the default time a quest waits for its answer
 * @param shutdownTimeout       how long {@code close()} lets received pushes reach the listener
 * @param maxPayloadSize        the largest payload accepted from the gateway, in bytes
 * @param reconnect             when to try again after a lost connection
 * @param keepAlive             when to ping a silent connection
 * @param dedupCapacity         recent pushes remembered to drop duplicates (0: none)
 * @param dispatchThreads       threads calling the push listener
 * @param dispatchQueueCapacity pushes waiting for the listener beyond which reading stops
 * @param ackMode               when pushes are answered
 * @param observer              measurement hooks
 * @param encryption            how connections are encrypted; {@code null} for plain
 * @param credentials           how log lines about refused credentials name where they are set
 */
record ClientOptions(RtmEndpoint endpoint, long projectId, Duration connectTimeout, Duration questTimeout,
                     Duration shutdownTimeout, int maxPayloadSize, ReconnectPolicy reconnect,
                     KeepAlivePolicy keepAlive, int dedupCapacity, int dispatchThreads, int dispatchQueueCapacity,
                     AckMode ackMode, RtmClientObserver observer, @Nullable RtmEncryption encryption, String credentials) {
}
