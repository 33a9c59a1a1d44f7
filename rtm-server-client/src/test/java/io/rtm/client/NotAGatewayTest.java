package io.rtm.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.rtm.client.ClientTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An endpoint that accepts TCP but speaks no FPNN (an HTTP server, here one
 * that answers every request with 400): no attempt counts as connected, so
 * the back-off keeps growing instead of starting over after every TCP connect.
 */
class NotAGatewayTest {

    private final AtomicInteger accepted = new AtomicInteger();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<Integer> attempts = new CopyOnWriteArrayList<>();
    private ServerSocket http;
    private Thread acceptor;
    private RtmServerClient client;
    private Level savedLevel;

    @BeforeEach
    void start() throws IOException {
        http = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::serveHttp, "not-a-gateway");
        acceptor.setDaemon(true);
        acceptor.start();
        Logger rtm = (Logger) LoggerFactory.getLogger("io.rtm");
        savedLevel = rtm.getLevel();
        rtm.setLevel(Level.INFO);
        rtm.setAdditive(false);
        logs.start();
        rtm.addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        Logger rtm = (Logger) LoggerFactory.getLogger("io.rtm");
        rtm.detachAppender(logs);
        rtm.setAdditive(true);
        rtm.setLevel(savedLevel);
        ClientTestSupport.closeAll(client, http);
    }

    /** Reads what arrives for a moment, answers like an HTTP server that got garbage, and closes. */
    private void serveHttp() {
        while (!http.isClosed()) {
            try (Socket socket = http.accept()) {
                accepted.incrementAndGet();
                socket.setSoTimeout(200);
                InputStream in = socket.getInputStream();
                try {
                    in.read(new byte[4096]);
                } catch (SocketTimeoutException silentClient) {
                    // answers anyway, as an HTTP server does on its own timeout
                }
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Test
    void attemptsThatNeverGetReadyBackOffAndAreNeverConnected() {
        RecordingMonitor monitor = new RecordingMonitor();
        client = RtmServerClient.builder()
                .endpoint("127.0.0.1", http.getLocalPort())
                .projectId(11000001)
                .secretKey("secret")
                .reconnect(new ReconnectPolicy(true, Duration.ofMillis(10), Duration.ofSeconds(1), 2.0, 0))
                .serverPushMonitor(monitor)
                .observer(new RtmClientObserver() {
                    @Override
                    public void reconnectAttempt(int attempt) {
                        attempts.add(attempt);
                    }
                })
                .build();
        client.connectAsync();

        await().atMost(WAIT).until(() -> attempts.size() >= 5);
        assertThat(client.isConnected()).isFalse();
        // the failure count grows from attempt to attempt: a TCP connect alone never resets it
        assertThat(attempts.subList(0, 5)).containsExactly(1, 2, 3, 4, 5);
        assertThat(monitor.calls("connected")).allSatisfy(call ->
                assertThat(((List<?>) call.argument()).get(1)).isEqualTo(false));
        int acceptedBefore = accepted.get();
        List<ILoggingEvent> lines;
        synchronized (logs) {
            lines = List.copyOf(logs.list);
        }
        int acceptedAfter = accepted.get();
        assertThat(lines).noneSatisfy(line -> assertThat(line.getFormattedMessage()).contains("Connected to"));
        List<ILoggingEvent> warnings = lines.stream().filter(line -> line.getLevel() == Level.WARN).toList();
        assertThat(warnings).isNotEmpty().allSatisfy(line -> assertThat(line.getFormattedMessage())
                .contains("RTM gateway 127.0.0.1:" + http.getLocalPort()).contains("bad magic"));
        // one line per attempt: as many as had failed when the lines were read (one may be under way)
        assertThat(warnings.size()).isBetween(acceptedBefore - 1, acceptedAfter);
    }
}
