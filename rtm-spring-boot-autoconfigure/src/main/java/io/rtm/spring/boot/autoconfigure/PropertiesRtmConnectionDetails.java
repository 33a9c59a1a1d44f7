package io.rtm.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.rtm.client.RtmEndpoint;
import io.rtm.spring.boot.autoconfigure.InvalidRtmPropertyException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;

/**
 * {@link RtmConnectionDetails} read from {@code rtm.endpoint}, {@code rtm.project-id}
 * and {@code rtm.secret-key}, checked when created so that missing or invalid
 * values stop startup with one failure analysis naming every such property.
 *
 * <p>The values are read as text, not from the bound {@link RtmProperties}: a
 * project id that is not a number would fail that binding and be reported alone.
 */
final class PropertiesRtmConnectionDetails implements RtmConnectionDetails {

    /** A placeholder left as it was; group 1 is its name, without a default. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)[^}]*}");

    private final RtmEndpoint endpoint;

    private final long projectId;

    private final String secretKey;

    PropertiesRtmConnectionDetails(Binder binder) {
        List<Problem> problems = new ArrayList<>();
        @Nullable RtmEndpoint endpoint = read(binder, "rtm.endpoint", problems,
                PropertiesRtmConnectionDetails::endpoint);
        @Nullable Long projectId = read(binder, "rtm.project-id", problems,
                PropertiesRtmConnectionDetails::projectId);
        @Nullable String secretKey = read(binder, "rtm.secret-key", problems,
                PropertiesRtmConnectionDetails::secretKey);
        InvalidRtmPropertyException.throwIfAny(problems);
        // without problems, each of them was read
        this.endpoint = Objects.requireNonNull(endpoint);
        this.projectId = Objects.requireNonNull(projectId);
        this.secretKey = Objects.requireNonNull(secretKey);
    }

    /**
     * Reads the property as text and checks it, unless it still holds a {@code ${…}} placeholder: an unset
     * environment variable leaves its placeholder as the value, which is the problem then. Only the
     * placeholder is named, never the rest of the value (it may be part of the secret).
     */
    private static <T> @Nullable T read(Binder binder, String property, List<Problem> problems,
            BiFunction<@Nullable String, List<Problem>, @Nullable T> check) {
        @Nullable String value = binder.bind(property, String.class).orElse(null);
        Matcher placeholder = PLACEHOLDER.matcher((value != null) ? value : "");
        if (!placeholder.find()) {
            return check.apply(value, problems);
        }
        problems.add(new Problem(property, (placeholder.group().equals(value) ? "is" : "holds")
                + " the unresolved placeholder " + placeholder.group(), "Set " + placeholder.group(1)
                        + " (an environment variable or a property), which " + property + " refers to, or give "
                        + property + " its value."));
        return null;
    }

    private static @Nullable RtmEndpoint endpoint(@Nullable String value, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem("rtm.endpoint", "is not set",
                    "Set rtm.endpoint to the host:port of your RTM gateway, for example "
                            + "rtm.endpoint=rtm-gateway.example.com:13315."));
            return null;
        }
        // a URL's scheme is no part of an endpoint; left in, its colon reads as an IPv6 address
        int scheme = value.indexOf("://");
        if (scheme >= 0) {
            String hostPort = value.substring(scheme + 3).strip().replaceFirst("/.*", "");
            problems.add(new Problem("rtm.endpoint", "is invalid: '" + value.strip() + "' starts with a scheme ("
                    + value.substring(0, scheme + 3).strip() + "), which is not accepted",
                    "Write rtm.endpoint as host:port, without a scheme: rtm.endpoint="
                            + (hostPort.isEmpty() ? "rtm-gateway.example.com:13315" : hostPort) + "."));
            return null;
        }
        try {
            return RtmEndpoint.parse(value);
        } catch (IllegalArgumentException ex) {
            problems.add(new Problem("rtm.endpoint", "is invalid: " + ex.getMessage(),
                    "Write rtm.endpoint as host:port with a port from 1 to 65535 ([address]:port for IPv6), "
                            + "for example rtm.endpoint=rtm-gateway.example.com:13315."));
            return null;
        }
    }

    private static @Nullable Long projectId(@Nullable String value, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem("rtm.project-id", "is not set",
                    "Set rtm.project-id to your RTM project id, as shown in the RTM console."));
            return null;
        }
        long projectId;
        try {
            projectId = Long.parseLong(value.strip());
        } catch (NumberFormatException ex) {
            problems.add(new Problem("rtm.project-id", "is invalid: '" + value + "' is not a number",
                    "Set rtm.project-id to your RTM project id, a positive number shown in the RTM console."));
            return null;
        }
        if (projectId <= 0) {
            problems.add(new Problem("rtm.project-id", "is invalid: " + projectId + " is not positive",
                    "Set rtm.project-id to your RTM project id, a positive number shown in the RTM console."));
        }
        return projectId;
    }

    // the value itself is never part of a message
    private static @Nullable String secretKey(@Nullable String value, List<Problem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Problem("rtm.secret-key", "is not set",
                    "Set rtm.secret-key to your project's secret key, preferably from the environment: "
                            + "rtm.secret-key=${RTM_SECRET_KEY}."));
            return null;
        }
        if (!value.equals(value.strip())) {
            problems.add(new Problem("rtm.secret-key", "is invalid: it starts or ends with white space",
                    "Remove the white space around the value of rtm.secret-key (or of the variable it comes from)."));
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
