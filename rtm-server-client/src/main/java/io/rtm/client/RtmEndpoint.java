package io.rtm.client;

import org.jspecify.annotations.Nullable;

/**
 * A gateway address, {@code host:port} ({@code [v6-address]:port} for IPv6).
 *
 * @param host the host name or address
 * @param port the TCP port, 1 to 65535
 */
public record RtmEndpoint(String host, int port) {

    public RtmEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an endpoint needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("an endpoint port must be 1 to 65535, not " + port);
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @throws IllegalArgumentException naming what is wrong with the text
     */
    public static RtmEndpoint parse(@Nullable String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an endpoint is written host:port, but it is empty");
        }
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("an endpoint is written host:port, not '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException("an IPv6 endpoint is written [address]:port, not '" + value + "'");
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the port of endpoint '" + value + "' is not a number");
        }
        return new RtmEndpoint(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
