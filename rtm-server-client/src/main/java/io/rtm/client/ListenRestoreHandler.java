package io.rtm.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnErrorCode;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Gives a new connection the client's desired listen state (one signed
 * {@code setlisten}, also when it is empty: the first signed quest is what
 * tells whether the gateway takes the credentials) and holds
 * {@code channelActive} back from the handlers behind it until the gateway
 * confirmed it: only then does the connection count as ready.
 *
 * <p>When the gateway refuses (bad credentials, 200001 or 200002, or any other
 * error answer), the connection is kept and the quest sent again with the
 * reconnect policy's back-off; when it does not answer, or the connection
 * closes, the failure goes down the pipeline and the connection is given up.
 * The handler stays in the pipeline to tell the listen state when the
 * connection is gone.
 */
final class ListenRestoreHandler extends ChannelInboundHandlerAdapter {

    /** Hears of the gateway refusing the listen state; on the event loop. */
    interface Refusals {
        void refused(RtmException refusal, Duration retryIn);
    }

    private final FpnnConnection connection;
    private final ListenSync listens;
    private final ReconnectPolicy backOff;
    private final Refusals refusals;
    private int refused;

    ListenRestoreHandler(FpnnConnection connection, ListenSync listens, ReconnectPolicy backOff, Refusals refusals) {
        this.connection = connection;
        this.listens = listens;
        this.backOff = backOff;
        this.refusals = refusals;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            restore(ctx);
        }
    }

    private void restore(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        listens.restore(connection).whenComplete((ok, failure) -> ctx.executor().execute(() -> {
            if (!ctx.channel().isActive()) {
                return;
            }
            if (failure == null) {
                ctx.fireChannelActive();
                return;
            }
            RtmException error = RtmException.of(failure);
            if (isLocal(error.code())) {
                ctx.fireExceptionCaught(new RtmException(error.code(),
                        "the listen state was not confirmed: " + error.reason(), error));
                return;
            }
            Duration retryIn = backOff.delay(refused++);
            refusals.refused(error, retryIn);
            ctx.executor().schedule(() -> restore(ctx), retryIn.toNanos(), TimeUnit.NANOSECONDS);
        }));
    }

    /** Codes the client makes up itself: no answer, a closed connection. Anything else came from the gateway. */
    private static boolean isLocal(int code) {
        return code == FpnnErrorCode.CORE_TIMEOUT || code == FpnnErrorCode.CORE_CONNECTION_CLOSED
                || code == FpnnErrorCode.CORE_INVALID_CONNECTION;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        listens.lost(connection);
        ctx.fireChannelInactive();
    }
}
