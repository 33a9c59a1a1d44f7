package io.rtm.test;

import org.jspecify.annotations.Nullable;

import java.net.SocketAddress;

/**
 * A view of one client connection of the embedded gateway, taken when
 * {@link RtmTestServer#connections()} was called.
 *
 * @param id            the gateway's number for the connection, unique for the server's lifetime
 * @param remoteAddress the client's address
 * @param listenState   what the connection listened to at that moment
 */
public record GatewayConnection(long id, @Nullable SocketAddress remoteAddress, GatewayListenState listenState) {
}
