package io.rtm.spring.boot.test;

import java.time.Duration;

/**
 * The fixed configuration of one embedded gateway.
 *
 * @param resendAfter how long a push may stay unanswered before it is sent
 *                    again with the same mid; {@code null} = never
 */
record GatewaySettings(long projectId, String secretKey, Duration clockSkew, Duration resendAfter,
                       int maxPayloadSize) {

    @Override
    public String toString() {
        return "projectId=" + projectId + ", secretKey=******, clockSkew=" + clockSkew
                + ", resendUnansweredAfter=" + resendAfter + ", maxPayloadSize=" + maxPayloadSize;
    }
}
