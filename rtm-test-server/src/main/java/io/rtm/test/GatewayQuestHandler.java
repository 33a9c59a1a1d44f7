package io.rtm.test;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.FpnnPipeline;
import io.rtm.fpnn.FpnnQuest;
import io.rtm.fpnn.FpnnQuestHandler;
import io.rtm.fpnn.Payload;
import io.rtm.fpnn.crypto.FpnnCipherHandler;
import io.rtm.fpnn.crypto.FpnnCipherKeys;
import io.rtm.fpnn.crypto.FpnnKeyExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Set;

/**
 * Serves the quests of one client connection (protocol section 8): records
 * each one, checks the signature of all but {@code *ping} and {@code *key},
 * then applies it or hands it to the {@link GatewayExtension} that serves its
 * method. {@code *key} as the first quest switches the connection
 * to encryption (section 9) when the gateway has a key. Runs on the connection's event loop and never blocks;
 * field errors surface as the 10009 / 10010 that {@link Payload} throws.
 */
final class GatewayQuestHandler implements FpnnQuestHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayQuestHandler.class);

    private static final Set<String> SIGNED_METHODS = Set.of("addlisten", "removelisten", "setlisten",
            "sendmsg", "sendmsgs", "sendgroupmsg", "sendroommsg");

    private final Gateway gateway;
    private final GatewaySession session;

    /** Whether the gateway serves that method itself, so that no extension may. */
    static boolean isOwnMethod(String method) {
        return SIGNED_METHODS.contains(method) || method.equals("*ping") || method.equals(FpnnKeyExchange.KEY_METHOD);
    }

    GatewayQuestHandler(Gateway gateway, GatewaySession session) {
        this.gateway = gateway;
        this.session = session;
    }

    @Override
    public Payload handle(FpnnQuest quest) {
        String method = quest.method();
        Payload payload = decoded(quest);
        boolean first = !session.isSettled();
        if (first) {
            session.settle(false);
        }
        gateway.record(session.id(), method, payload);
        if (gateway.isPaused()) {
            return null; // left unanswered on purpose: the client's timeout is under test
        }
        if (payload == null) {
            return quest.payload(); // throws the decoding error (10003) as the answer
        }
        if (method.equals("*ping")) {
            return Payload.builder().put("ts", System.currentTimeMillis()).build();
        }
        if (method.equals(FpnnKeyExchange.KEY_METHOD)) {
            return key(quest, payload, first);
        }
        // like the FPNN core, an unknown method is refused before the business checks
        GatewayExtension extension = gateway.settings().extensions().get(method);
        if (extension == null && !SIGNED_METHODS.contains(method)) {
            throw new FpnnException(FpnnErrorCode.CORE_UNKNOWN_METHOD, "unknown method '" + method + "'");
        }
        SignatureCheck.verify(method, payload, gateway.settings(), session.salts());
        if (extension != null) {
            return extension.serve(new GatewayQuest(gateway, session, quest, payload));
        }
        return switch (method) {
            case "addlisten" -> addListen(payload);
            case "removelisten" -> removeListen(payload);
            case "setlisten" -> setListen(payload);
            case "sendmsg" -> sendMessage(payload);
            case "sendmsgs" -> sendMessages(payload);
            case "sendgroupmsg" -> sendGroupMessage(payload);
            case "sendroommsg" -> sendRoomMessage(payload);
            default -> throw new IllegalStateException("signed method without a handler: " + method);
        };
    }

    /**
     * The {@code *key} handshake (section 9): derives the session's key from
     * the client's public point and switches the connection to encryption in
     * both directions, before the answer is written, so the answer leaves
     * enciphered. Refusals are answered in plain.
     */
    private Payload key(FpnnQuest quest, Payload payload, boolean first) {
        GatewaySettings settings = gateway.settings();
        if (!settings.encrypts()) {
            throw new FpnnException(FpnnErrorCode.CORE_UNKNOWN_METHOD,
                    "the embedded gateway has no encryption key: plain connections only");
        }
        if (!first) {
            log.warn("RTM gateway: connection {} sent '*key' after other quests; closing it", session);
            quest.connection().close();
            return null;
        }
        boolean streamMode = payload.getBoolean("streamMode", false);
        int bits = payload.getInt("bits", 128);
        if (bits != 128 && bits != 256) {
            throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, "bits must be 128 or 256, not " + bits);
        }
        byte[] secret;
        try {
            secret = settings.encryptionKey().ecCurve().sharedSecret(settings.encryptionKey().privateKey(),
                    payload.getBytes("publicKey"));
        } catch (IllegalArgumentException e) {
            log.warn("RTM gateway: connection {} sent an unusable '*key': {}", session, e.getMessage());
            throw new FpnnException(FpnnErrorCode.PROTO_INVALID_PACKAGE, "invalid publicKey for curve "
                    + settings.encryptionKey().curve() + ": " + e.getMessage());
        }
        FpnnCipherKeys keys = FpnnCipherKeys.derive(secret, bits);
        Arrays.fill(secret, (byte) 0);
        session.channel().pipeline().addBefore(FpnnPipeline.DECODER, FpnnCipherHandler.NAME,
                FpnnCipherHandler.forGateway(keys, streamMode, settings.maxPayloadSize()));
        session.settle(true);
        log.info("RTM gateway: connection {} encrypted ({}, {} mode, {} bits)", session,
                settings.encryptionKey().curve(), streamMode ? "stream" : "package", bits);
        return Payload.EMPTY;
    }

    private static Payload decoded(FpnnQuest quest) {
        try {
            return quest.payload();
        } catch (FpnnException e) {
            return null;
        }
    }

    private Payload addListen(Payload payload) {
        ListenRequest request = ListenRequest.of(payload);
        session.listen().add(request);
        log.info("RTM gateway: connection {} addlisten {}", session, request);
        return Payload.EMPTY;
    }

    private Payload removeListen(Payload payload) {
        ListenRequest request = ListenRequest.of(payload);
        session.listen().remove(request);
        log.info("RTM gateway: connection {} removelisten {}", session, request);
        return Payload.EMPTY;
    }

    private Payload setListen(Payload payload) {
        // read and check every field first, so that a bad one changes nothing
        boolean hasIds = ListenRequest.hasIds(payload);
        ListenRequest ids = hasIds ? ListenRequest.of(payload) : null;
        Boolean p2p = ListenRequest.flag(payload, "p2p");
        Boolean group = ListenRequest.flag(payload, "group");
        Boolean room = ListenRequest.flag(payload, "room");
        Boolean ev = ListenRequest.flag(payload, "ev");
        if (hasIds) {
            session.listen().replaceIds(ids);
        }
        if (ListenRequest.hasFlags(payload)) {
            session.listen().setFlags(p2p, group, room, ev);
        }
        log.info("RTM gateway: connection {} setlisten, now {}", session, session.listen().snapshot());
        return Payload.EMPTY;
    }

    private Payload sendMessage(Payload payload) {
        Message message = Message.of(payload);
        long to = payload.getLong("to");
        message.push(gateway, GatewayMessageKind.P2P, to);
        return mtime(message);
    }

    private Payload sendMessages(Payload payload) {
        if (payload.get("tos") == null) {
            throw new FpnnException(FpnnErrorCode.PROTO_KEY_NOT_FOUND, "missing field 'tos'");
        }
        Set<Long> tos = payload.getLongSet("tos");
        Message message = Message.of(payload);
        for (long to : tos) {
            message.push(gateway, GatewayMessageKind.P2P, to);
        }
        return mtime(message);
    }

    private Payload sendGroupMessage(Payload payload) {
        Message message = Message.of(payload);
        long gid = payload.getLong("gid");
        message.push(gateway, GatewayMessageKind.GROUP, gid);
        return mtime(message);
    }

    private Payload sendRoomMessage(Payload payload) {
        Message message = Message.of(payload);
        long rid = payload.getLong("rid");
        message.push(gateway, GatewayMessageKind.ROOM, rid);
        return mtime(message);
    }

    private static Payload mtime(Message message) {
        return Payload.builder().put("mtime", message.mtime).build();
    }

    /** The fields every sending quest shares, checked as section 8.4 and 8.6 say. */
    private record Message(long from, long mid, int mtype, Object msg, String attrs, long mtime) {

        static Message of(Payload payload) {
            long from = payload.getLong("from");
            long mid = payload.getLong("mid");
            long mtype = payload.getLong("mtype");
            if (!Pushes.validMtype(mtype)) {
                throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, "mtype must be 0..127, not " + mtype);
            }
            Object msg = payload.get("msg");
            if (msg == null) {
                throw new FpnnException(FpnnErrorCode.PROTO_KEY_NOT_FOUND, "missing field 'msg'");
            }
            if (!(msg instanceof String) && !(msg instanceof byte[])) {
                throw new FpnnException(FpnnErrorCode.PROTO_TYPE_CONVERT, "field 'msg' must be a str or a bin");
            }
            String attrs = payload.getString("attrs", "");
            return new Message(from, mid, (int) mtype, msg, attrs, System.currentTimeMillis());
        }

        void push(Gateway gateway, GatewayMessageKind kind, long id) {
            gateway.pushMessage(kind, from, id, mid, mtype, msg, attrs, mtime);
        }
    }
}
