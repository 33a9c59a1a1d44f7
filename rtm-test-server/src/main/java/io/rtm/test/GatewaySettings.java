package io.rtm.test;

import java.time.Duration;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fixed configuration of one embedded gateway.
 *
 * @param encryptionKey the gateway's key pair for encrypted connections; {@code null} = plain only
 * @param resendAfter how long a push may stay unanswered before it is sent
 *                    again with the same mid; {@code null} = never
 * @param extensions    the extensions' quest methods, each with the extension that serves it
 */
record GatewaySettings(long projectId, String secretKey, Duration clockSkew, Duration resendAfter,
                       int maxPayloadSize, RtmTestKeys encryptionKey, Map<String, GatewayExtension> extensions) {

    GatewaySettings {
        extensions = Map.copyOf(extensions);
    }

    /** Whether clients may encrypt their connection ({@code *key}). */
    boolean encrypts() {
        return encryptionKey != null;
    }

    @Override
    public String toString() {
        return "projectId=" + projectId + ", secretKey=******, clockSkew=" + clockSkew
                + ", resendUnansweredAfter=" + resendAfter + ", maxPayloadSize=" + maxPayloadSize
                + ", encryption=" + (encryptionKey == null ? "off" : encryptionKey.curve())
                + (extensions.isEmpty() ? "" : ", extension methods=" + new TreeSet<>(extensions.keySet()));
    }
}
