package io.rtm.client;

import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.rtm.fpnn.FpnnConnection;
import io.rtm.fpnn.FpnnKeepAlive;
import io.rtm.fpnn.FpnnPipeline;
import io.rtm.fpnn.FpnnQuestHandler;
import io.rtm.fpnn.crypto.FpnnCipherHandler;
import io.rtm.fpnn.crypto.FpnnKeyExchange;

/**
 * The handlers of one client connection, in their fixed order: keepalive (it
 * sees every read), the cipher when encrypting, the FPNN codec and
 * conversation, then the encryption handshake and the listen restore, each
 * holding {@code channelActive} back until it is done, so that whatever
 * follows them sees a connection only once it is ready.
 */
final class ClientPipeline {

    private final ClientOptions options;
    private final FpnnQuestHandler pushes;
    private final ListenSync listens;

    ClientPipeline(ClientOptions options, FpnnQuestHandler pushes, ListenSync listens) {
        this.options = options;
        this.pushes = pushes;
        this.listens = listens;
    }

    /**
     * Adds the handlers to a new channel; returns its FPNN conversation.
     *
     * @param refusals hears of the gateway refusing the listen state on it
     */
    FpnnConnection install(SocketChannel channel, ListenRestoreHandler.Refusals refusals) {
        ChannelPipeline pipeline = channel.pipeline();
        FpnnConnection connection = new FpnnConnection(pushes, options.questTimeout());
        KeepAlivePolicy keepAlive = options.keepAlive();
        if (keepAlive.enabled()) {
            pipeline.addLast("fpnn-keepalive", new FpnnKeepAlive(connection, keepAlive.pingInterval(),
                    keepAlive.pingTimeout(), keepAlive.retries()));
        }
        KeyExchangeHandler keyExchange = null;
        RtmEncryption encryption = options.encryption();
        if (encryption != null) {
            // a fresh ephemeral key per connection; the cipher passes the *key quest in plain
            FpnnKeyExchange exchange = FpnnKeyExchange.start(encryption.gatewayKey(),
                    encryption.mode() == RtmEncryption.Mode.STREAM, encryption.keySize());
            FpnnCipherHandler cipher = FpnnCipherHandler.forClient(exchange, options.maxPayloadSize());
            pipeline.addLast(FpnnCipherHandler.NAME, cipher);
            keyExchange = new KeyExchangeHandler(connection, exchange, cipher, encryption);
        }
        FpnnPipeline.install(pipeline, options.maxPayloadSize(), connection);
        if (keyExchange != null) {
            pipeline.addLast("rtm-key-exchange", keyExchange);
        }
        pipeline.addLast("rtm-listen-restore",
                new ListenRestoreHandler(connection, listens, options.reconnect(), refusals));
        return connection;
    }
}
