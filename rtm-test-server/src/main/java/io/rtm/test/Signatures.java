package io.rtm.test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The gateway's side of quest signing (protocol section 5): the MD5 of
 * {@code "{pid}:{secret}:{salt}:{method}:{ts}"} as upper-case hex. Written
 * apart from the client's signer, so that a mistake in one is caught by the
 * other rather than agreed with.
 */
final class Signatures {

    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private Signatures() {
    }

    /** The signature of one quest. */
    static String sign(long projectId, String secretKey, long salt, String method, long ts) {
        byte[] preimage = (projectId + ":" + secretKey + ":" + salt + ":" + method + ":" + ts)
                .getBytes(StandardCharsets.UTF_8);
        try {
            return UPPER_HEX.formatHex(MessageDigest.getInstance("MD5").digest(preimage));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    /** Whether {@code sign} is the signature of those values; lower-case hex is a wrong sign. */
    static boolean verify(long projectId, String secretKey, long salt, String method, long ts, String sign) {
        return MessageDigest.isEqual(sign(projectId, secretKey, salt, method, ts).getBytes(StandardCharsets.US_ASCII),
                sign.getBytes(StandardCharsets.UTF_8));
    }
}
