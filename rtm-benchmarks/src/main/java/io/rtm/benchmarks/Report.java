package io.rtm.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** The printed table and the JSON file. */
final class Report {

    private Report() {
    }

    static String table(Map<String, BenchMain.Figures> results, Restore.Results restores,
                        Failover.Results failovers, Relay.@Nullable Results relay, int pushes, int latencyPushes,
                        int rate, int size, int runs) {
        StringBuilder t = new StringBuilder();
        t.append(String.format(Locale.ROOT, "%,d pushes of %d-byte text per throughput run; latency: %,d pushes at "
                + "%,d/s; median of %d runs%n%n", pushes, size, latencyPushes, rate, runs));
        t.append("| scenario | pushes/s | p50 ms | p99 ms | p99.9 ms | bytes/push | GCs/run |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String name : BenchMain.PUSH_SCENARIOS) {
            BenchMain.Figures f = results.get(name);
            if (f == null) {
                t.append("| ").append(name).append(" | not run | | | | | |\n");
                continue;
            }
            t.append(String.format(Locale.ROOT, "| %s | %,.0f | %.3f | %.3f | %.3f | %,.0f | %.0f |%n", name,
                    f.pushesPerSecond(), f.latencyMillis()[0], f.latencyMillis()[1], f.latencyMillis()[2],
                    f.bytesPerPush(), f.gcCount()));
        }
        BenchMain.Figures plain = results.get("plain");
        BenchMain.Figures ceiling = results.get("decodeOnly");
        if (plain != null && ceiling != null) {
            t.append(String.format(Locale.ROOT, "%nplain / decodeOnly: %.0f %%%n",
                    100 * plain.pushesPerSecond() / ceiling.pushesPerSecond()));
        }
        if (restores.inPlace() != null && restores.fastBackOff() != null && restores.newProcess() != null) {
            t.append(String.format(Locale.ROOT, "%nrestore, in-place restart, default back-off: %.0f ms median; "
                    + "runs %s%n", medianMillis(restores.inPlace()), describe(restores.inPlace())));
            t.append(String.format(Locale.ROOT, "restore, in-place restart, 10 ms back-off: %.0f ms median; "
                    + "runs %s%n", medianMillis(restores.fastBackOff()), describe(restores.fastBackOff())));
            t.append(String.format(Locale.ROOT, "restore, new gateway process, default back-off: %.0f ms median; "
                    + "runs %s%n", medianMillis(restores.newProcess()), describe(restores.newProcess())));
        }
        Restore.Sample[] outage = restores.outage();
        if (outage != null) {
            t.append(String.format(Locale.ROOT, "%noutage of 1 to 3 s, default back-off: %.0f ms median, %.0f ms max, "
                    + "%.1f attempts/s at most; runs %s%n", medianMillis(outage), maxMillis(outage),
                    Arrays.stream(outage).mapToDouble(Restore.Sample::attemptsPerSecond).max().orElse(0),
                    describe(outage)));
        }
        appendFailover(t, "graceful (the leader's context closed)", failovers.graceful());
        appendFailover(t, "crash (lock store and connection cut, lock TTL " + Failover.CRASH_LOCK_TTL.toMillis()
                + " ms)", failovers.crash());
        if (relay != null) {
            appendRelay(t, relay, runs);
        }
        return t.toString();
    }

    private static void appendRelay(StringBuilder t, Relay.Results relay, int runs) {
        t.append(String.format(Locale.ROOT, "%nrelay: gateway -> receiver -> Kafka (%d partitions) -> consumers of %d"
                + " threads, a %.1f ms listener (parked); %,d pushes per run, median of %d; latency: %,d pushes at"
                + " %,d/s%n%n", Relay.PARTITIONS, Relay.CONCURRENCY, Relay.LISTENER_NANOS / 1e6, Relay.PUSHES, runs,
                Relay.LATENCY_PUSHES, Relay.LATENCY_RATE));
        t.append("| consumers | pushes/s | runs | relayed/s | threads busy | ms/call | p50 ms | p99 ms | p99.9 ms"
                + " | to Kafka p50/p99 ms |\n");
        t.append("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Relay.Sample s : relay.samples()) {
            t.append(String.format(Locale.ROOT, "| %d | %,.0f | %s | %,.0f | %.0f %% | %.3f | %.1f | %.1f | %.1f"
                            + " | %.1f / %.1f |%n", s.consumers(), s.pushesPerSecond(), Arrays.stream(s.runs())
                            .mapToObj(v -> String.format(Locale.ROOT, "%,.0f", v)).collect(Collectors.joining(" / ")),
                    s.relayedPerSecond(), 100 * s.busyShare(), s.listenerMillis(), s.latencyMillis()[0],
                    s.latencyMillis()[1], s.latencyMillis()[2], s.toKafkaMillis()[0], s.toKafkaMillis()[1]));
        }
        t.append(String.format(Locale.ROOT, "%nrelay, %d consumers / 1: %.2f x; pushes per consumer %s; %d handled"
                        + " twice%n", relay.samples().get(relay.samples().size() - 1).consumers(), relay.ratio(),
                relay.samples().stream().map(s -> Arrays.toString(s.shares())).collect(Collectors.joining(", ")),
                relay.samples().stream().mapToInt(Relay.Sample::duplicates).sum()));
    }

    private static String relayJson(Relay.Results relay) {
        StringBuilder j = new StringBuilder();
        j.append(String.format(Locale.ROOT, "  \"relay\": {\"partitions\": %d, \"concurrency\": %d, "
                + "\"listenerMillis\": %.1f, \"pushes\": %d, \"latencyPushes\": %d, \"latencyRate\": %d, "
                + "\"ratio\": %.2f, \"consumers\": [%n", Relay.PARTITIONS, Relay.CONCURRENCY,
                Relay.LISTENER_NANOS / 1e6, Relay.PUSHES, Relay.LATENCY_PUSHES, Relay.LATENCY_RATE, relay.ratio()));
        j.append(relay.samples().stream().map(s -> String.format(Locale.ROOT, "    {\"consumers\": %d, "
                        + "\"pushesPerSecond\": %.0f, \"runs\": %s, \"relayedPerSecond\": %.0f, \"busyShare\": %.3f, "
                        + "\"listenerCallMillis\": %.3f, \"latencyMillis\": {\"p50\": %.3f, \"p99\": %.3f, "
                        + "\"p999\": %.3f}, \"toKafkaMillis\": {\"p50\": %.3f, \"p99\": %.3f}, "
                        + "\"pushesPerConsumer\": %s, \"duplicates\": %d}", s.consumers(), s.pushesPerSecond(),
                Arrays.stream(s.runs()).mapToObj(v -> String.format(Locale.ROOT, "%.0f", v))
                        .collect(Collectors.joining(", ", "[", "]")), s.relayedPerSecond(), s.busyShare(),
                s.listenerMillis(), s.latencyMillis()[0], s.latencyMillis()[1], s.latencyMillis()[2],
                s.toKafkaMillis()[0], s.toKafkaMillis()[1],
                Arrays.stream(s.shares()).mapToObj(Long::toString).collect(Collectors.joining(", ", "[", "]")),
                s.duplicates())).collect(Collectors.joining(",\n")));
        j.append("\n  ]},\n");
        return j.toString();
    }

    private static void appendFailover(StringBuilder t, String what, Failover.Sample @Nullable [] samples) {
        if (samples == null) {
            return;
        }
        t.append(String.format(Locale.ROOT, "%nfail-over, %s: gap %.0f ms median, %.0f ms max; runs %s%n", what,
                medianGap(samples), Arrays.stream(samples).mapToDouble(Failover.Sample::gapMillis).max().orElse(0),
                Arrays.stream(samples).map(s -> String.format(Locale.ROOT, "%.0f ms (%d pushes to nobody, %d"
                        + " handled twice)", s.gapMillis(), s.lost(), s.duplicates()))
                        .collect(Collectors.joining(", "))));
    }

    private static double medianGap(Failover.Sample[] samples) {
        return BenchMain.median(Arrays.stream(samples).mapToDouble(Failover.Sample::gapMillis).toArray());
    }

    private static String describe(Restore.Sample[] samples) {
        return Arrays.stream(samples).map(s -> String.format(Locale.ROOT,
                        "%.0f ms (down %.0f ms, %d attempts)", s.millis(),
                        s.gatewayStartMillis(), s.reconnectAttempts()))
                .collect(Collectors.joining(", "));
    }

    static double medianMillis(Restore.Sample[] samples) {
        return BenchMain.median(Arrays.stream(samples).mapToDouble(Restore.Sample::millis).toArray());
    }

    static double maxMillis(Restore.Sample[] samples) {
        return Arrays.stream(samples).mapToDouble(Restore.Sample::millis).max().orElse(0);
    }

    static String json(String date, Map<String, BenchMain.Figures> results, Restore.Results restores,
                       Failover.Results failovers, Relay.@Nullable Results relay, List<String> clientFlags,
                       List<String> gatewayFlags, int pushes, int latencyPushes, int rate, int size, int runs) {
        Restore.Sample[] restore = restores.inPlace();
        Restore.Sample[] restoreFast = restores.fastBackOff();
        Restore.Sample[] restoreProcess = restores.newProcess();
        Restore.Sample[] outage = restores.outage();
        StringBuilder j = new StringBuilder("{\n");
        for (String name : BenchMain.PUSH_SCENARIOS) {
            BenchMain.Figures f = results.get(name);
            if (f == null) {
                continue;
            }
            j.append(String.format(Locale.ROOT, "  \"%s\": {\"pushesPerSecond\": %.0f, \"latencyMillis\": "
                            + "{\"p50\": %.3f, \"p99\": %.3f, \"p999\": %.3f}, \"bytesPerPush\": %.0f, "
                            + "\"gcCount\": %.0f},%n", name, f.pushesPerSecond(), f.latencyMillis()[0],
                    f.latencyMillis()[1], f.latencyMillis()[2], f.bytesPerPush(), f.gcCount()));
        }
        if (restore != null) {
            j.append(String.format(Locale.ROOT, "  \"restore\": {\"millis\": %.0f},%n", medianMillis(restore)));
        }
        if (outage != null) {
            j.append(String.format(Locale.ROOT, "  \"outage\": {\"medianMillis\": %.0f, \"maxMillis\": %.0f, "
                    + "\"runsMillis\": %s},%n", medianMillis(outage), maxMillis(outage), millis(outage)));
        }
        if (failovers.graceful() != null && failovers.crash() != null) {
            j.append(String.format(Locale.ROOT, "  \"failover\": {\"gracefulGapMillis\": %.0f, "
                    + "\"crashGapMillis\": %.0f, \"crashLockTtlMillis\": %d, \"rate\": %d},%n",
                    medianGap(failovers.graceful()),
                    medianGap(failovers.crash()), Failover.CRASH_LOCK_TTL.toMillis(), Failover.RATE));
        }
        if (relay != null) {
            j.append(relayJson(relay));
        }
        j.append("  \"details\": {\n");
        j.append("    \"date\": \"").append(date).append("\",\n");
        j.append(String.format(Locale.ROOT, "    \"pushes\": %d, \"latencyPushes\": %d, \"rate\": %d, \"size\": %d, "
                + "\"runs\": %d,%n", pushes, latencyPushes, rate, size, runs));
        j.append("    \"cores\": ").append(Runtime.getRuntime().availableProcessors()).append(",\n");
        j.append("    \"clientJvmFlags\": ").append(strings(clientFlags)).append(",\n");
        j.append("    \"gatewayJvmFlags\": ").append(strings(gatewayFlags)).append(",\n");
        j.append("    \"pushesPerSecondRuns\": {");
        j.append(results.entrySet().stream().map(e -> "\"" + e.getKey() + "\": " + e.getValue().ppsRuns().stream()
                .map(v -> String.format(Locale.ROOT, "%.0f", v)).collect(Collectors.joining(", ", "[", "]")))
                .collect(Collectors.joining(", ")));
        j.append("}");
        if (restore != null && restoreFast != null && restoreProcess != null) {
            j.append(",\n    \"restoreRunsMillis\": ").append(millis(restore));
            j.append(",\n    \"restoreFastBackoffMillis\": ").append(String.format(Locale.ROOT, "%.0f",
                    medianMillis(restoreFast)));
            j.append(",\n    \"restoreFastBackoffRunsMillis\": ").append(millis(restoreFast));
            j.append(",\n    \"restoreNewProcessMillis\": ").append(String.format(Locale.ROOT, "%.0f",
                    medianMillis(restoreProcess)));
            j.append(",\n    \"restoreNewProcessRunsMillis\": ").append(millis(restoreProcess));
        }
        j.append("\n  }\n}\n");
        return j.toString();
    }

    private static String millis(Restore.Sample[] samples) {
        return Arrays.stream(samples).map(s -> String.format(Locale.ROOT, "%.0f", s.millis()))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    private static String strings(List<String> values) {
        return values.stream().map(v -> "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
