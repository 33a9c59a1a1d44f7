package io.rtm.spring.boot.autoconfigure;

import io.rtm.client.RtmEndpoint;
import org.jspecify.annotations.Nullable;

/**
 * {@link RtmConnectionDetails} read from {@code rtm.endpoint}, {@code rtm.project-id}
 * and {@code rtm.secret-key}, checked when created so that a missing or invalid
 * value stops startup with a failure analysis naming the property.
 */
final class PropertiesRtmConnectionDetails implements RtmConnectionDetails {

    private final RtmEndpoint endpoint;

    private final long projectId;

    private final String secretKey;

    PropertiesRtmConnectionDetails(RtmProperties properties) {
        this.endpoint = endpoint(properties.getEndpoint());
        this.projectId = projectId(properties.getProjectId());
        this.secretKey = secretKey(properties.getSecretKey());
    }

    private static RtmEndpoint endpoint(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRtmPropertyException("rtm.endpoint", "is not set",
                    "Set rtm.endpoint to the host:port of your RTM gateway, for example "
                            + "rtm.endpoint=rtm-gateway.example.com:13315.");
        }
        try {
            return RtmEndpoint.parse(value);
        } catch (IllegalArgumentException ex) {
            throw new InvalidRtmPropertyException("rtm.endpoint", "is invalid: " + ex.getMessage(),
                    "Write rtm.endpoint as host:port with a port from 1 to 65535 ([address]:port for IPv6), "
                            + "for example rtm.endpoint=rtm-gateway.example.com:13315.");
        }
    }

    private static long projectId(@Nullable Long value) {
        if (value == null) {
            throw new InvalidRtmPropertyException("rtm.project-id", "is not set",
                    "Set rtm.project-id to your RTM project id, as shown in the RTM console.");
        }
        if (value <= 0) {
            throw new InvalidRtmPropertyException("rtm.project-id", "is invalid: " + value + " is not positive",
                    "Set rtm.project-id to your RTM project id, a positive number shown in the RTM console.");
        }
        return value;
    }

    // the value itself is never part of a message
    private static String secretKey(@Nullable String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRtmPropertyException("rtm.secret-key", "is not set",
                    "Set rtm.secret-key to your project's secret key, preferably from the environment: "
                            + "rtm.secret-key=${RTM_SECRET_KEY}.");
        }
        if (!value.equals(value.strip())) {
            throw new InvalidRtmPropertyException("rtm.secret-key",
                    "is invalid: it starts or ends with white space",
                    "Remove the white space around the value of rtm.secret-key (or of the variable it comes from).");
        }
        return value;
    }

    @Override
    public String host() {
        return this.endpoint.host();
    }

    @Override
    public int port() {
        return this.endpoint.port();
    }

    @Override
    public RtmEndpoint endpoint() {
        return this.endpoint;
    }

    @Override
    public long projectId() {
        return this.projectId;
    }

    @Override
    public String secretKey() {
        return this.secretKey;
    }

    @Override
    public String toString() {
        return "PropertiesRtmConnectionDetails{endpoint=" + this.endpoint + ", projectId=" + this.projectId
                + ", secretKey=******}";
    }
}
