package io.rtm.fpnn.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The AES key and IV of one encrypted connection, derived from the ECDH
 * shared secret as protocol section 9 says: a 128-bit key is the first 16
 * bytes of the secret; a 256-bit key is the secret itself when it is 32 bytes
 * long, otherwise its SHA-256; the IV is the MD5 of the secret. The same key
 * and IV serve both directions. Immutable; {@link #toString()} shows no key material.
 */
public final class FpnnCipherKeys {

    private final byte[] key;
    private final byte[] iv;

    private FpnnCipherKeys(byte[] key, byte[] iv) {
        this.key = key;
        this.iv = iv;
    }

    /**
     * Derives the key and IV.
     *
     * @param secret the shared secret (the X coordinate, padded to the field size)
     * @param bits   128 or 256
     * @return the key and IV
     * @throws IllegalArgumentException when {@code bits} is neither 128 nor 256, or the secret
     *         is shorter than 16 bytes
     */
    public static FpnnCipherKeys derive(byte[] secret, int bits) {
        if (bits != 128 && bits != 256) {
            throw new IllegalArgumentException("the key size is 128 or 256 bits, not " + bits);
        }
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("a shared secret has at least 16 bytes");
        }
        byte[] key;
        if (bits == 128) {
            key = Arrays.copyOf(secret, 16);
        } else if (secret.length == 32) {
            key = secret.clone();
        } else {
            key = digest("SHA-256", secret);
        }
        return new FpnnCipherKeys(key, digest("MD5", secret));
    }

    /** The AES key (a copy). */
    byte[] key() {
        return key.clone();
    }

    /** The CFB initialisation vector (a copy). */
    byte[] iv() {
        return iv.clone();
    }

    /** Key bits: 128 or 256. */
    int bits() {
        return key.length * 8;
    }

    byte[] keyRef() {
        return key;
    }

    byte[] ivRef() {
        return iv;
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is missing from the JDK", e);
        }
    }

    @Override
    public String toString() {
        return "FpnnCipherKeys{AES-" + bits() + "}";
    }
}
