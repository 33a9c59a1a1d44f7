package io.rtm.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rtm.fpnn.FpnnConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives a new connection the client's desired listen state (one
 * {@code setlisten}) and holds {@code channelActive} back from the handlers
 * behind it until the gateway confirmed it: only then does the connection
 * count as ready. A failure closes the connection with a log line naming it.
 * It stays in the pipeline to tell the listen state when the connection is gone.
 */
final class ListenRestoreHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(ListenRestoreHandler.class);

    private final FpnnConnection connection;
    private final ListenSync listens;
    private final RtmEndpoint endpoint;

    ListenRestoreHandler(FpnnConnection connection, ListenSync listens, RtmEndpoint endpoint) {
        this.connection = connection;
        this.listens = listens;
        this.endpoint = endpoint;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        listens.restore(connection).whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            if (failure != null) {
                log.warn("Connected to RTM gateway {}, but the listen state could not be applied: {}", endpoint,
                        RtmException.of(failure).getMessage());
                ctx.close();
            } else if (ctx.channel().isActive()) {
                ctx.fireChannelActive();
            }
        }));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listens.lost(connection);
        ctx.fireChannelInactive();
    }
}
