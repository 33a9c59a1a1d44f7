package io.rtm.test;

import io.rtm.fpnn.Payload;

import java.util.Set;

/**
 * The id fields of a listening quest (protocol section 6), read and type-checked
 * before anything changes, so that a bad field leaves the state untouched.
 */
record ListenRequest(Set<Long> gids, Set<Long> rids, Set<Long> uids, Set<String> events) {

    private static final String[] ID_FIELDS = {"gids", "rids", "uids", "events"};
    private static final String[] FLAG_FIELDS = {"p2p", "group", "room", "ev"};

    static ListenRequest of(Payload payload) {
        return new ListenRequest(payload.getLongSet("gids"), payload.getLongSet("rids"),
                payload.getLongSet("uids"), payload.getStringSet("events"));
    }

    /** Whether the quest carries the ids form of {@code setlisten}. */
    static boolean hasIds(Payload payload) {
        return hasAny(payload, ID_FIELDS);
    }

    /** Whether the quest carries the flags form of {@code setlisten}. */
    static boolean hasFlags(Payload payload) {
        return hasAny(payload, FLAG_FIELDS);
    }

    /** An optional boolean: {@code null} when absent (the flag stays as it is). */
    static Boolean flag(Payload payload, String key) {
        return payload.get(key) == null ? null : payload.getBoolean(key);
    }

    private static boolean hasAny(Payload payload, String[] keys) {
        for (String key : keys) {
            if (payload.get(key) != null) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "gids=" + gids + " rids=" + rids + " uids=" + uids + " events=" + events;
    }
}
