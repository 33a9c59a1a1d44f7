package io.rtm.test;

import java.time.Duration;

/**
 * The fixed configuration of one embedded gateway.
 *
 * @param encryptionKey the gateway's key pair for encrypted connections; {@code null} = plain only
 * @param resendAfter how long a push may stay unanswered before it is sent
 *                    again with the same mid; {@code null} = never
 */
record GatewaySettings(long projectId, String secretKey, Duration clockSkew, Duration resendAfter,
                       int maxPayloadSize, RtmTestKeys encryptionKey) {

    /** Whether clients may encrypt their connection ({@code *key}). */
    boolean encrypts() {
        return encryptionKey != null;
    }

    @Override
    public String toString() {
        return "projectId=" + projectId + ", secretKey=******, clockSkew=" + clockSkew
                + ", resendUnansweredAfter=" + resendAfter + ", maxPayloadSize=" + maxPayloadSize
                + ", encryption=" + (encryptionKey == null ? "off" : encryptionKey.curve());
    }
}
