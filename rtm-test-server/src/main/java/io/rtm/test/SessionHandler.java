package io.rtm.test;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Registers a session with the gateway while its channel is open and wakes its writability waiters. */
final class SessionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(SessionHandler.class);

    private final Gateway gateway;
    private final GatewaySession session;

    SessionHandler(Gateway gateway, GatewaySession session) {
        this.gateway = gateway;
        this.session = session;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        gateway.register(session);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Throwable failure = session.connection().failure();
        if (failure != null) {
            log.warn("RTM gateway: closed connection {} after bad input: {}", session, failure.getMessage());
        }
        gateway.unregister(session);
        session.wakeWriters();
        ctx.fireChannelInactive();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable()) {
            session.wakeWriters();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // FpnnConnection in front already closed the channel; nothing may escape the pipeline
        ctx.close();
    }
}
