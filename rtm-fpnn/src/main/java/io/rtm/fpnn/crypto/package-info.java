/**
 * Encrypted FPNN connections (protocol section 9): the curves and public keys
 * of the ECDH key exchange, the client's side of the {@code *key} handshake,
 * the derived AES key and IV, and the cipher handler that goes below the
 * frame codec.
 *
 * <p>Nothing here is null unless marked {@link org.jspecify.annotations.Nullable}.
 */
@NullMarked
package io.rtm.fpnn.crypto;

import org.jspecify.annotations.NullMarked;
