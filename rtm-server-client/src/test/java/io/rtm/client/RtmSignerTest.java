package io.rtm.client;

import io.rtm.fpnn.Payload;
import io.rtm.fpnn.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class RtmSignerTest {

    private static final List<JsonNode> CASES = Vectors.load("rtm-signs.json");

    static Stream<Arguments> cases() {
        return CASES.stream().map(c -> Arguments.of(c.get("preimage").stringValue(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signsAsTheSdkDoes(String preimage, JsonNode c) {
        long pid = Vectors.longValue(c.get("pid"));
        String secret = c.get("secret").stringValue();
        long salt = Vectors.longValue(c.get("salt"));
        String method = c.get("cmd").stringValue();
        long ts = Vectors.longValue(c.get("ts"));
        String sign = c.get("sign").stringValue();

        assertThat(pid + ":" + secret + ":" + salt + ":" + method + ":" + ts).isEqualTo(preimage);
        assertThat(RtmSigner.sign(pid, secret, salt, method, ts)).isEqualTo(sign);
        assertThat(RtmSigner.verify(pid, secret, salt, method, ts, sign)).isTrue();
        assertThat(RtmSigner.verify(pid, secret, salt, method, ts, sign.toLowerCase(Locale.ROOT))).isFalse();
        assertThat(RtmSigner.verify(pid, secret, salt + 1, method, ts, sign)).isFalse();
        assertThat(RtmSigner.verify(pid, secret + "x", salt, method, ts, sign)).isFalse();
        assertThat(RtmSigner.verify(pid, secret, salt, method, ts, sign.substring(1))).isFalse();
    }

    @Test
    void vectorsIncludeUpperCaseHexWithLetters() {
        assertThat(CASES).hasSizeGreaterThanOrEqualTo(10);
        assertThat(CASES).allSatisfy(c -> assertThat(c.get("sign").stringValue()).matches("[0-9A-F]{32}"));
    }

    @Test
    void signedPayloadCarriesAVerifiableSignature() {
        RtmSigner signer = new RtmSigner(11000001, "rtm-test-secret");
        Payload fields = Payload.builder().put("gids", List.of(1001L)).put("events", List.of("login")).build();
        long before = System.currentTimeMillis() / 1000;
        Payload first = signer.signed("addlisten", fields);
        Payload second = signer.signed("addlisten", fields);
        long after = System.currentTimeMillis() / 1000;

        for (Payload signed : List.of(first, second)) {
            assertThat(signed.asMap()).containsKeys("gids", "events", "pid", "sign", "salt", "ts");
            assertThat(signed.get("gids")).isEqualTo(List.of(1001L));
            assertThat(signed.getLong("pid")).isEqualTo(11000001);
            assertThat(signed.getLong("ts")).isBetween(before, after);
            assertThat(signed.getString("sign")).matches("[0-9A-F]{32}");
            assertThat(RtmSigner.verify(11000001, "rtm-test-secret", signed.getLong("salt"), "addlisten",
                    signed.getLong("ts"), signed.getString("sign"))).isTrue();
            assertThat(RtmSigner.verify(11000001, "rtm-test-secret", signed.getLong("salt"), "removelisten",
                    signed.getLong("ts"), signed.getString("sign"))).isFalse();
        }
        assertThat(first.getLong("salt")).isNotEqualTo(second.getLong("salt"));
        assertThat(fields.asMap()).doesNotContainKeys("pid", "sign", "salt", "ts");
    }

    @Test
    void secretIsNotInToString() {
        assertThat(new RtmSigner(7, "very-secret-key").toString()).contains("7").doesNotContain("very-secret-key");
    }

    @Test
    void saltsAreUniqueAcrossThreads() throws Exception {
        int threads = 8;
        int perThread = 1_250_000; // 10 million salts in all
        UniqueIds salts = new UniqueIds();
        long[] all = new long[threads * perThread];
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * perThread;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        all[offset + i] = salts.next();
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Arrays.sort(all);
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                throw new AssertionError("salt " + all[i] + " handed out twice");
            }
        }
        assertThat(all[0]).isPositive();
    }

    @Test
    void saltsOfSeparateGeneratorsStartApart() {
        // seeded from the clock and a random offset, like the SDK's millisecond-shifted ids
        long salt = new UniqueIds().next();
        assertThat(salt).isGreaterThan(System.currentTimeMillis() << 21);
    }
}
