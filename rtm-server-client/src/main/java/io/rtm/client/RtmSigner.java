package io.rtm.client;

import io.rtm.fpnn.Payload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Signs RTM quests (protocol section 5): the MD5 of
 * {@code "{pid}:{secret}:{salt}:{method}:{ts}"} as upper-case hex, sent with
 * {@code pid}, {@code salt} and {@code ts}. The secret stays inside this object
 * and never appears in its {@code toString()}.
 */
public final class RtmSigner {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final long projectId;
    private final String secretKey;
    private final UniqueIds salts;

    /** A signer for the project, with the process's salts. */
    public RtmSigner(long projectId, String secretKey) {
        this(projectId, secretKey, UniqueIds.shared());
    }

    RtmSigner(long projectId, String secretKey, UniqueIds salts) {
        this.projectId = projectId;
        this.secretKey = Objects.requireNonNull(secretKey, "secretKey");
        this.salts = salts;
    }

    /** The project id it signs for. */
    public long projectId() {
        return projectId;
    }

    /** The signature of one quest. */
    public static String sign(long projectId, String secretKey, long salt, String method, long ts) {
        String preimage = projectId + ":" + secretKey + ":" + salt + ":" + method + ":" + ts;
        return md5Hex(preimage.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code sign} is the signature of those values (upper-case hex only). */
    public static boolean verify(long projectId, String secretKey, long salt, String method, long ts, String sign) {
        return MessageDigest.isEqual(sign(projectId, secretKey, salt, method, ts).getBytes(StandardCharsets.US_ASCII),
                sign.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The payload of a signed quest: {@code pid}, {@code sign}, {@code salt}
     * (fresh) and {@code ts} (now) added to the quest's own fields.
     */
    public Payload signed(String method, Payload fields) {
        long salt = salts.next();
        long ts = System.currentTimeMillis() / 1000;
        return Payload.builder()
                .putAll(fields)
                .put("pid", projectId)
                .put("sign", sign(projectId, secretKey, salt, method, ts))
                .put("salt", salt)
                .put("ts", ts)
                .build();
    }

    private static String md5Hex(byte[] input) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("MD5").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
        char[] hex = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            hex[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            hex[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(hex);
    }

    @Override
    public String toString() {
        return "RtmSigner{projectId=" + projectId + ", secretKey=******}";
    }
}
