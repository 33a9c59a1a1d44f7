package io.rtm.sample;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample, AOT-processed at build time, started on a JVM of its own with
 * {@code -Dspring.aot.enabled=true}: the generated context runs, every kind of push reaches its listener, and
 * the driver's invalid order ends in the {@link DeadLetterStore}, the only WARN lines of a normal run.
 */
class SampleAotIT {

    private static final Path JAR = Path.of("target", "rtm-sample-app.jar");

    /** One line per listener of the sample, each printed when its push arrived. */
    private static final List<String> EVERY_LISTENER = List.of("[group 1001] user", "[command] user",
            "shared report.pdf", "bytes of binary data", "[presence] user 4001 logged in",
            "[presence] user 4001 logged out", "[shop] order");

    /** What {@link DeadLetterStore} logs, at WARN, for the invalid order the driver sends every third round. */
    private static final String DEAD_LETTER = "Dead letter: SupportDesk.onOrder failed on RtmMessage{";

    @Test
    void theAotProcessedSampleReceivesPushes() throws Exception {
        assertThat(JAR).as("the packaged sample").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sample = new ProcessBuilder(java, "-Dspring.aot.enabled=true", "-Xmx256m", "-jar", JAR.toString(),
                "--sample.driver.interval=1s").redirectErrorStream(true).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> read(sample, lines), "sample-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> EVERY_LISTENER.stream()
                    .allMatch((expected) -> lines.stream().anyMatch((line) -> line.contains(expected))));
            // waited for rather than kept out of the run: the recoverer bean must work in the generated context
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(SampleAotIT::isDeadLetter));
            assertThat(lines).anyMatch((line) -> line.contains("Starting AOT-processed SampleApplication"));
            assertThat(lines).noneMatch((line) -> line.contains(" ERROR ")
                    || (line.contains(" WARN ") && !isDeadLetter(line)));
        } finally {
            sample.destroy();
            if (!sample.waitFor(30, TimeUnit.SECONDS)) {
                sample.destroyForcibly();
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            Files.write(Path.of("target", "sample-aot.log"), lines, StandardCharsets.UTF_8);
        }
    }

    private static boolean isDeadLetter(String line) {
        return line.contains(" WARN ") && line.contains(DEAD_LETTER);
    }

    private static void read(Process process, List<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("reading the sample's output failed: " + e);
        }
    }
}
