package io.rtm.client;

import java.util.Objects;

/**
 * A service event pushed by the gateway ({@code pushevent}), such as a user's
 * {@code login} or {@code logout}. Immutable.
 *
 * @param projectId the project id
 * @param event     the event name
 * @param uid       the user the event is about
 * @param time      when it happened, in Unix seconds
 * @param endpoint  the user's endpoint as the gateway reports it
 * @param data      extra data (empty when absent)
 */
public record RtmEvent(long projectId, String event, long uid, long time, String endpoint, String data) {

    /** The login event name. */
    public static final String LOGIN = "login";
    /** The logout event name. */
    public static final String LOGOUT = "logout";

    public RtmEvent {
        Objects.requireNonNull(event, "event");
        endpoint = endpoint == null ? "" : endpoint;
        data = data == null ? "" : data;
    }
}
