package io.rtm.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.crypto.FpnnCipherHandler;
import io.rtm.fpnn.crypto.FpnnKeyExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The encryption handshake of one connection (protocol section 9): sends
 * {@code *key}, its first quest, as soon as the connection is open, and holds
 * {@code channelActive} back from the handlers behind it until the
 * (enciphered) answer arrived, so that nothing else is sent before. A refusal
 * or a missing answer goes down the pipeline as the failure that ends the
 * connection, named without any key.
 */
final class KeyExchangeHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(KeyExchangeHandler.class);

    private final FpnnConnection connection;
    private final FpnnKeyExchange exchange;
    private final FpnnCipherHandler cipher;
    private final RtmEncryption encryption;

    KeyExchangeHandler(FpnnConnection connection, FpnnKeyExchange exchange, FpnnCipherHandler cipher,
                       RtmEncryption encryption) {
        this.connection = connection;
        this.exchange = exchange;
        this.cipher = cipher;
        this.encryption = encryption;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return; // closed while connecting (a self-connect): nothing to exchange
        }
        connection.sendQuest(FpnnKeyExchange.KEY_METHOD, exchange.questPayload()).whenComplete((answer, failure) -> {
            if (!ctx.channel().isActive()) {
                return; // closed first: the close has its own cause
            }
            String refusal = failure != null ? failed(failure)
                    : cipher.peerAnsweredInPlain() ? "the gateway answered '*key' in plain: it does not encrypt"
                    + " this connection" : null;
            if (refusal != null) {
                ctx.fireExceptionCaught(new RtmException(FpnnErrorCode.CORE_CONNECTION_CLOSED,
                        "the encryption handshake failed: " + refusal));
                return;
            }
            log.debug("Encrypted connection to {} ({})", ctx.channel().remoteAddress(), encryption);
            ctx.pipeline().remove(this);
            ctx.fireChannelActive();
        });
    }

    private String failed(Throwable failure) {
        String error = RtmException.of(failure).getMessage();
        return cipher.peerAnsweredInPlain()
                ? "the gateway refused the encryption handshake (" + encryption.curve() + ", " + encryption.mode()
                        + ", " + encryption.keySize() + " bits): " + error
                : "no answer to '*key': " + error;
    }
}
