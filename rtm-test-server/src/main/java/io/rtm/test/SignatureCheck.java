package io.rtm.test;

import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;

/**
 * The authorisation of one client quest (protocol sections 5 and 8.1), in the
 * order the codes take precedence: project id and signature (200002), then
 * the clock (200008), then the salt (200006). A salt is only remembered once
 * the quest passed the first two checks, so a forged quest cannot burn it.
 */
final class SignatureCheck {

    private static final long MAX_TS_SECONDS = Long.MAX_VALUE / 4000;

    private SignatureCheck() {
    }

    static void verify(String method, Payload payload, GatewaySettings settings, SaltCache salts) {
        long pid = signatureLong(payload, "pid");
        long salt = signatureLong(payload, "salt");
        long ts = signatureLong(payload, "ts");
        Object sign = payload.get("sign");
        if (!(sign instanceof String signText)) {
            throw new FpnnException(GatewayErrors.INVALID_PID_OR_SIGN, "missing or malformed field 'sign'");
        }
        if (pid != settings.projectId()) {
            throw new FpnnException(GatewayErrors.INVALID_PID_OR_SIGN, "invalid pid " + pid);
        }
        if (!Signatures.verify(pid, settings.secretKey(), salt, method, ts, signText)) {
            throw new FpnnException(GatewayErrors.INVALID_PID_OR_SIGN, "invalid sign for '" + method + "'");
        }
        long now = System.currentTimeMillis();
        long skew = settings.clockSkew().toMillis();
        // a ts this far out would overflow in milliseconds; it is off the clock either way
        boolean offClock = Math.abs(ts) > MAX_TS_SECONDS || Math.abs(ts * 1000 - now) > skew;
        if (offClock) {
            throw new FpnnException(GatewayErrors.INVALID_SERVER_TIME,
                    "ts " + ts + " is more than " + settings.clockSkew().toSeconds() + " s from the gateway's clock");
        }
        if (!salts.firstUse(salt, ts * 1000, now, skew)) {
            throw new FpnnException(GatewayErrors.SAME_SIGN, "salt " + salt + " was already used on this connection");
        }
    }

    /** A signature integer: missing or not an int64 is a bad signature, not a field error. */
    private static long signatureLong(Payload payload, String key) {
        try {
            return payload.getLong(key);
        } catch (FpnnException e) {
            throw new FpnnException(GatewayErrors.INVALID_PID_OR_SIGN, "missing or malformed field '" + key + "'");
        }
    }
}
