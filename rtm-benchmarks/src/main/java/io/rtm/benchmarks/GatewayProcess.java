package io.rtm.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standalone gateway ({@code RtmGatewayMain}) in a JVM of its own, started
 * with this JVM's classpath, so that it serves {@link BenchQuests} (listed in
 * this module's {@code META-INF/services}). It binds 127.0.0.1 only; the first start picks a
 * free port, restarts reuse it. A shutdown hook kills it if the benchmark ends
 * any other way than {@link #close()}.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Pattern RUNNING = Pattern.compile("RTM gateway running on [^:]+:(\\d+) ");

    private final List<String> jvmFlags;
    private final long projectId;
    private final String secretKey;
    private final Path log;
    private final Thread killer = new Thread(this::kill, "rtm-bench-gateway-killer");
    private Process process;
    private PrintStream control;
    private BlockingQueue<long[]> upEvents;
    private int port;
    /** System.nanoTime() when the gateway said it accepts connections. */
    private long upNanos;

    GatewayProcess(List<String> jvmFlags, long projectId, String secretKey, Path log) {
        this.jvmFlags = jvmFlags;
        this.projectId = projectId;
        this.secretKey = secretKey;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(killer);
    }

    /** Starts the gateway and waits until it listens; the port is picked the first time and kept. */
    void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("gateway already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.rtm.test.RtmGatewayMain");
        command.add("--port");
        command.add(Integer.toString(port));
        command.add("--pid");
        command.add(Long.toString(projectId));
        command.add("--secret");
        command.add(secretKey);
        command.add("--threads");
        command.add("1");
        command.add("--control");
        command.add("stdin");
        File logFile = log.toFile();
        process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(logFile))
                .start();
        Process started = process;
        BlockingQueue<long[]> events = new LinkedBlockingQueue<>();
        upEvents = events;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                        events.add(new long[] {System.nanoTime(), Integer.parseInt(m.group(1))});
                    } else {
                        System.out.println("gateway: " + line);
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            events.add(new long[] {0, -1});
        }, "rtm-bench-gateway-out");
        reader.setDaemon(true);
        reader.start();
        control = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        awaitUp();
    }

    /**
     * Asks the running gateway to close its port and every connection, wait
     * {@code pauseMillis} and listen on the same port again (its JVM stays up and warm).
     */
    void restartInPlace(long pauseMillis) throws IOException, InterruptedException {
        control.println("restart " + pauseMillis);
        awaitUp();
    }

    private void awaitUp() throws IOException, InterruptedException {
        long[] event = upEvents.poll(30, TimeUnit.SECONDS);
        if (event == null) {
            kill();
            throw new IOException("gateway did not listen within 30 s; see " + log);
        }
        if (event[1] < 0) {
            throw new IOException("gateway exited with " + exitCode(process) + " before it listened; see " + log);
        }
        upNanos = event[0];
        port = (int) event[1];
    }

    private static String exitCode(Process p) {
        try {
            return p.waitFor(2, TimeUnit.SECONDS) ? Integer.toString(p.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    int port() {
        return port;
    }

    long upNanos() {
        return upNanos;
    }

    /** Stops the gateway (a stop command, then SIGTERM, then forcibly) and waits for it to exit. */
    void stop() throws InterruptedException {
        Process current = process;
        if (current == null) {
            return;
        }
        control.println("stop");
        if (!current.waitFor(5, TimeUnit.SECONDS)) {
            current.destroy();
        }
        if (!current.waitFor(10, TimeUnit.SECONDS)) {
            current.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
    }

    private void kill() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }
}
