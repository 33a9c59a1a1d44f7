package io.rtm.sample;

import java.lang.reflect.Method;
import java.time.Instant;

/**
 * A push whose listener failed for good, as {@link DeadLetterStore} keeps it.
 *
 * @param push     the {@link io.rtm.client.RtmMessage} or {@link io.rtm.client.RtmEvent} that was not handled
 * @param method   the listener method that failed on it
 * @param error    the message of the last attempt's exception (its class name when it has none)
 * @param failedAt when the attempts were given up
 */
public record DeadLetter(Object push, Method method, String error, Instant failedAt) {
}
