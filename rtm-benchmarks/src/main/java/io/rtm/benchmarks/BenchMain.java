package io.rtm.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.rtm.client.AckMode;
import io.rtm.client.ReconnectPolicy;
import io.rtm.fpnn.Payload;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the push benchmarks against the standalone gateway in a second JVM;
 * see BENCHMARKS.md at the repository root.
 */
public final class BenchMain {

    static final long PROJECT_ID = 11000001L;
    static final String SECRET = "rtm-bench-secret";
    static final long GID = 7;

    private static final String USAGE = """
            Usage: java [jvm flags] -jar rtm-benchmarks/target/rtm-benchmarks.jar [options]

              --scenarios <list>     comma-separated: decodeOnly,plain,plainOnReceipt,spring,springOnReceipt,
                                     restore,outage,failover,relay (default: all)
              --pushes <n>           pushes per throughput run (default 1000000)
              --warmup <n>           pushes before the measured runs of each scenario (default 300000)
              --runs <n>             measured runs per figure; the median is reported (default 3)
              --latency-pushes <n>   pushes per latency run (default 100000)
              --rate <n>             pushes per second of the latency runs (default 20000)
              --size <n>             length of each push's text (default 100)
              --gateway-flags <s>    JVM flags of the gateway process (default "%s")
              --out <file>           JSON results (default rtm-benchmarks/target/bench-results.json)
            """;

    /** A back-off for comparison: a constant 10 ms between attempts, also right after a loss. */
    static final ReconnectPolicy FAST_RECONNECT = new ReconnectPolicy(true, Duration.ofMillis(10),
            Duration.ofMillis(10), 1.0, 0.0).withFastRetry(Duration.ofMillis(10), Duration.ofSeconds(30));

    static final String DEFAULT_GATEWAY_FLAGS = "-Xms512m -Xmx512m -XX:+UseG1GC -XX:+AlwaysPreTouch";

    /** The push scenarios, in the order they run and are reported. */
    static final List<String> PUSH_SCENARIOS = List.of("decodeOnly", "plain", "plainOnReceipt", "spring",
            "springOnReceipt");

    static final List<String> ALL_SCENARIOS = Stream.concat(PUSH_SCENARIOS.stream(),
            Stream.of("restore", "outage", "failover", "relay")).toList();

    private BenchMain() {
    }

    /** Median figures of one scenario. */
    record Figures(double pushesPerSecond, double[] latencyMillis, double bytesPerPush, double gcCount,
                   List<Double> ppsRuns) {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        if (options == null) {
            System.out.printf(USAGE, DEFAULT_GATEWAY_FLAGS);
            return;
        }
        List<String> scenarios = List.of(options.getOrDefault("scenarios", String.join(",", ALL_SCENARIOS))
                .split(","));
        int pushes = intOption(options, "pushes", 1_000_000);
        int warmup = intOption(options, "warmup", 300_000);
        int runs = intOption(options, "runs", 3);
        int latencyPushes = intOption(options, "latency-pushes", 100_000);
        int rate = intOption(options, "rate", 20_000);
        int size = intOption(options, "size", 100);
        Path targetDir = targetDir();
        Path out = Path.of(options.getOrDefault("out", targetDir.resolve("bench-results.json").toString()));
        List<String> gatewayFlags = List.of(options.getOrDefault("gateway-flags", DEFAULT_GATEWAY_FLAGS).trim()
                .split("\\s+"));
        Files.createDirectories(targetDir);
        Path gatewayLog = targetDir.resolve("bench-gateway.log");
        Files.deleteIfExists(gatewayLog);

        List<String> clientFlags = ManagementFactory.getRuntimeMXBean().getInputArguments();
        System.out.printf("client JVM flags: %s%ngateway JVM flags: %s%ncores: %d%n", clientFlags, gatewayFlags,
                Runtime.getRuntime().availableProcessors());

        Map<String, Figures> results = new LinkedHashMap<>();
        Restore.Sample[] restore = null;
        Restore.Sample[] restoreFast = null;
        Restore.Sample[] restoreProcess = null;
        Restore.Sample[] outage = null;
        Failover.Sample[] graceful = null;
        Failover.Sample[] crash = null;
        Relay.Results relay = null;
        EventLoopGroup driverGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("bench-driver", true),
                NioIoHandler.newFactory());
        try (GatewayProcess gateway = new GatewayProcess(gatewayFlags, PROJECT_ID, SECRET, gatewayLog)) {
            gateway.start();
            System.out.println("gateway listening on 127.0.0.1:" + gateway.port() + " (log: " + gatewayLog + ")");
            Map<String, Supplier<Subject>> subjects = new LinkedHashMap<>();
            subjects.put("decodeOnly", () -> new DecodeOnlySubject(PROJECT_ID, SECRET));
            subjects.put("plain", () -> new PlainSubject(PROJECT_ID, SECRET, AckMode.AFTER_HANDLING));
            subjects.put("plainOnReceipt", () -> new PlainSubject(PROJECT_ID, SECRET, AckMode.ON_RECEIPT));
            subjects.put("spring", () -> new SpringSubject(PROJECT_ID, SECRET, AckMode.AFTER_HANDLING));
            subjects.put("springOnReceipt", () -> new SpringSubject(PROJECT_ID, SECRET, AckMode.ON_RECEIPT));
            for (Map.Entry<String, Supplier<Subject>> entry : subjects.entrySet()) {
                if (!scenarios.contains(entry.getKey())) {
                    continue;
                }
                Subject subject = entry.getValue().get();
                try (Driver driver = new Driver(driverGroup, gateway.port(), PROJECT_ID, SECRET, q -> Payload.EMPTY)) {
                    results.put(entry.getKey(), measure(entry.getKey(), subject, gateway.port(), driver, pushes,
                            warmup, runs, latencyPushes, rate, size));
                } finally {
                    subject.close();
                }
            }
            if (scenarios.contains("restore")) {
                System.out.println("restore: in-place restarts, default reconnect policy " + ReconnectPolicy.DEFAULT);
                long[] pauses = Restore.pauses(Restore.PAUSE_MILLIS, runs);
                restore = Restore.measure(gateway, driverGroup, PROJECT_ID, SECRET, ReconnectPolicy.DEFAULT, false,
                        pauses);
                System.out.println("restore: in-place restarts, fast reconnect policy " + FAST_RECONNECT);
                restoreFast = Restore.measure(gateway, driverGroup, PROJECT_ID, SECRET, FAST_RECONNECT, false, pauses);
                System.out.println("restore: new gateway processes, default reconnect policy");
                restoreProcess = Restore.measure(gateway, driverGroup, PROJECT_ID, SECRET, ReconnectPolicy.DEFAULT,
                        true, pauses);
            }
            if (scenarios.contains("outage")) {
                System.out.println("outage: the gateway down 1 to 3 s, default reconnect policy");
                outage = Restore.measure(gateway, driverGroup, PROJECT_ID, SECRET, ReconnectPolicy.DEFAULT, false,
                        Restore.outages(runs));
            }
            if (scenarios.contains("failover")) {
                System.out.printf("failover: two cluster instances, %,d pushes/s; the leader's context closed%n",
                        Failover.RATE);
                graceful = Failover.measure(gateway.port(), driverGroup, PROJECT_ID, SECRET, false, runs);
                System.out.printf("failover: the leader's lock store and connection cut, lock TTL %d ms, retry"
                        + " interval %d ms%n", Failover.CRASH_LOCK_TTL.toMillis(),
                        Failover.CRASH_RETRY_INTERVAL.toMillis());
                crash = Failover.measure(gateway.port(), driverGroup, PROJECT_ID, SECRET, true, runs);
            }
            if (scenarios.contains("relay")) {
                System.out.printf("relay: a receiver and %s consumers through an embedded Kafka broker, %d"
                        + " partitions, %d threads per consumer, a %.1f ms listener%n",
                        Relay.CONSUMERS.stream().map(String::valueOf).collect(Collectors.joining(" and then ")),
                        Relay.PARTITIONS, Relay.CONCURRENCY, Relay.LISTENER_NANOS / 1e6);
                relay = Relay.measure(gateway.port(), driverGroup, PROJECT_ID, SECRET, runs);
            }
        } finally {
            driverGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }

        String date = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).toString();
        Restore.Results restores = new Restore.Results(restore, restoreFast, restoreProcess, outage);
        Failover.Results failovers = new Failover.Results(graceful, crash);
        String table = Report.table(results, restores, failovers, relay, pushes, latencyPushes, rate, size, runs);
        System.out.println();
        System.out.println(table);
        Files.writeString(out, Report.json(date, results, restores, failovers, relay, clientFlags, gatewayFlags,
                pushes, latencyPushes, rate, size, runs));
        System.out.println("results written to " + out);
        System.exit(0); // the shared Netty threads are daemons, but a Spring context may leave others
    }

    private static Figures measure(String name, Subject subject, int port, Driver driver, int pushes, int warmup,
                                   int runs, int latencyPushes, int rate, int size) throws Exception {
        subject.open(port, GID);
        awaitListening(subject, driver, size);
        System.out.printf("%s: warm-up, %,d pushes%n", name, warmup);
        if (warmup > 0) {
            flood(subject, driver, warmup, size, 0);
            flood(subject, driver, Math.max(1, Math.min(warmup, latencyPushes) / 10), size, rate);
        }
        double[] pps = new double[runs];
        double[] bytes = new double[runs];
        double[] gcs = new double[runs];
        double[][] latency = new double[runs][];
        for (int run = 0; run < runs; run++) {
            System.gc(); // each run starts from a collected heap, so GC counts compare
            long allocated = Meters.allocatedBytes();
            long gc = Meters.gcCount();
            long nanos = flood(subject, driver, pushes, size, 0);
            bytes[run] = (double) (Meters.allocatedBytes() - allocated) / pushes;
            gcs[run] = Meters.gcCount() - gc;
            pps[run] = pushes * 1e9 / nanos;

            Latency recorder = new Latency(latencyPushes);
            subject.counter().recordInto(recorder);
            flood(subject, driver, latencyPushes, size, rate);
            subject.counter().recordInto(null);
            latency[run] = recorder.percentilesMillis();
            System.out.printf(Locale.ROOT, "%s run %d: %,.0f pushes/s, %.0f B/push, %.0f GCs; "
                            + "latency at %,d/s p50 %.3f p99 %.3f p99.9 %.3f ms%n", name, run + 1, pps[run],
                    bytes[run], gcs[run], rate, latency[run][0], latency[run][1], latency[run][2]);
        }
        double[] p = new double[3];
        for (int i = 0; i < 3; i++) {
            double[] column = new double[runs];
            for (int run = 0; run < runs; run++) {
                column[run] = latency[run][i];
            }
            p[i] = median(column);
        }
        List<Double> ppsRuns = new ArrayList<>();
        for (double v : pps) {
            ppsRuns.add(v);
        }
        return new Figures(median(pps), p, median(bytes), median(gcs), ppsRuns);
    }

    /** Sends single pushes until one arrives: the subject's listen state may be applied asynchronously. */
    private static void awaitListening(Subject subject, Driver driver, int size) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            long before = subject.counter().handled();
            driver.flood(GID, 1, size, 0).get(30, TimeUnit.SECONDS);
            long probeEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
            while (System.nanoTime() - probeEnd < 0) {
                if (subject.counter().handled() > before) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(1);
            }
        }
        throw new IllegalStateException("no push reached the subject within 30 s of connecting");
    }

    /** Floods {@code count} pushes and waits until the subject handled them all; returns the nanoseconds taken. */
    private static long flood(Subject subject, Driver driver, int count, int size, long rate) throws Exception {
        PushCounter counter = subject.counter();
        long target = counter.handled() + count;
        long start = System.nanoTime();
        CompletableFuture<Payload> answer = driver.flood(GID, count, size, rate);
        // bounded: at least 2 minutes, longer only for a paced flood that needs it
        long limit = start + TimeUnit.SECONDS.toNanos(Math.max(120, rate > 0 ? 2L * count / rate + 30 : 0));
        while (counter.handled() < target) {
            if (System.nanoTime() - limit > 0) {
                throw new IllegalStateException("only " + (counter.handled() - target + count) + " of " + count
                        + " pushes handled in time");
            }
            if (answer.isCompletedExceptionally()) {
                answer.join();
            }
            Thread.onSpinWait();
            TimeUnit.MICROSECONDS.sleep(200);
        }
        long nanos = System.nanoTime() - start;
        Payload sent = answer.get(60, TimeUnit.SECONDS);
        if (sent.getLong("sent") != count) {
            throw new IllegalStateException("gateway sent " + sent.getLong("sent") + " pushes, not " + count);
        }
        return nanos;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Path targetDir() {
        try {
            Path location = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // target/rtm-benchmarks.jar or target/classes
            return location.getParent();
        } catch (Exception e) {
            return Path.of("rtm-benchmarks", "target");
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return null;
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("bad option " + arg + "; try --help");
            }
            options.put(arg.substring(2), args[++i]);
        }
        return options;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        int parsed = value == null ? fallback : Integer.parseInt(value.replace("_", ""));
        if (parsed < 0 || (parsed == 0 && !name.equals("warmup"))) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return parsed;
    }
}
