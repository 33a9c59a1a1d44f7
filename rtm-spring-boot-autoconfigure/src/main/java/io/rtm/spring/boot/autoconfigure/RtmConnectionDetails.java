package io.rtm.spring.boot.autoconfigure;

import io.rtm.client.RtmEndpoint;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where and as which project the RTM server client connects. The default comes
 * from {@code rtm.*} properties; test support supplies its own bean pointing at
 * an embedded gateway.
 */
public interface RtmConnectionDetails extends ConnectionDetails {

    /** The gateway's host name or address. */
    String host();

    /** The gateway's TCP port. */
    int port();

    /** The RTM project id. */
    long projectId();

    /** The project's secret key; it signs requests and must never be logged. */
    String secretKey();

    /** The gateway as {@code host:port}. */
    default RtmEndpoint endpoint() {
        return new RtmEndpoint(host(), port());
    }
}
