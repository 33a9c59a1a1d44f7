package io.rtm.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded gateway on its own, as a local RTM gateway to try an
 * application against:
 *
 * <pre>
 * java -jar rtm-test-server-&lt;version&gt;-all.jar --port 13315 --pid 11000001 --secret xyz
 * </pre>
 *
 * It logs connections and listen changes and stops cleanly on Ctrl-C. The
 * {@link GatewayExtension}s listed in
 * {@code META-INF/services/io.rtm.test.GatewayExtension} on its class path are
 * added to the gateway.
 */
public final class RtmGatewayMain {

    private static final String USAGE = """
            Usage: java -jar rtm-test-server-<version>-all.jar [options]

            Runs an RTM gateway on 127.0.0.1 for local development.

              --port <n>           port to listen on (default 13315; 0 picks a free one)
              --pid <id>           project id clients must sign with (default %d)
              --secret <key>       secret key clients must sign with (default %s)
              --clock-skew <s>     allowed distance of a quest's ts from this clock, seconds (default 300)
              --resend-after <ms>  re-send unanswered pushes after this many milliseconds (default: never)
              --threads <n>        event-loop threads (default: the number of processors)
              --control stdin      obey commands on standard input, one per line (for rtm-benchmarks):
                                   "restart <ms>" closes the port and every connection, waits <ms>
                                   and listens again on the same port (printing the running line
                                   again); "stop" or the end of input stops the gateway
              --encrypt <curve>    also accept encrypted clients, with a key pair made at startup on
                                   secp256k1, secp256r1, secp224r1 or secp192r1; prints the public key
              --help               print this help

            Extensions on the class path (GatewayExtension providers listed in
            META-INF/services/io.rtm.test.GatewayExtension) serve their quest methods too:
              java -cp rtm-test-server-<version>-all.jar:<extension jars> io.rtm.test.RtmGatewayMain [options]
            """.formatted(RtmTestServer.DEFAULT_PROJECT_ID, RtmTestServer.DEFAULT_SECRET_KEY);

    /** The port real RTM gateways listen on. */
    static final int DEFAULT_PORT = 13315;

    private RtmGatewayMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        RtmTestServer.Builder builder;
        try {
            builder = parse(args);
        } catch (IllegalArgumentException e) {
            fail(System.err, e.getMessage());
            System.exit(2);
            return;
        }
        if (builder == null) {
            System.out.print(USAGE);
            return;
        }
        RtmTestServer server = builder.build();
        try {
            server.start();
        } catch (IllegalStateException e) {
            fail(System.err, e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            server.close();
            System.exit(1);
            return;
        }
        System.out.println("RTM gateway running on " + server.endpoint() + " for project " + server.projectId()
                + "; Ctrl-C stops it");
        if (server.encryptionKeys() != null) {
            System.out.println("Encrypted connections accepted on " + server.encryptionKeys().curve()
                    + "; the gateway's public key for rtm.encryption.public-key:");
            System.out.print(server.encryptionKeys().publicKeyPem());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "rtm-gateway-shutdown"));
        if (controlledByStdin(args)) {
            obey(server, new BufferedReader(new InputStreamReader(System.in,
                    StandardCharsets.UTF_8)), System.out);
            System.exit(0);
        }
        stopped.await();
    }

    static boolean controlledByStdin(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--control")) {
                return true;
            }
        }
        return false;
    }

    /** Runs the commands read from {@code in} until "stop" or the end of input. */
    static void obey(RtmTestServer server, BufferedReader in, PrintStream out) throws InterruptedException {
        String line;
        try {
            while ((line = in.readLine()) != null) {
                String[] words = line.trim().split("\\s+");
                if (words[0].equals("stop")) {
                    return;
                } else if (words[0].equals("restart") && words.length == 2) {
                    server.stop();
                    Thread.sleep(Math.max(0, Long.parseLong(words[1])));
                    server.start();
                    out.println("RTM gateway running on " + server.endpoint() + " for project " + server.projectId()
                            + " (restarted)");
                } else if (!words[0].isEmpty()) {
                    out.println("rtm-gateway: unknown command '" + line.trim() + "'");
                }
            }
        } catch (IOException | NumberFormatException e) {
            out.println("rtm-gateway: control input failed: " + e);
        }
    }

    /** The configured builder, or {@code null} when help was asked for. */
    static RtmTestServer.Builder parse(String[] args) {
        RtmTestServer.Builder builder = RtmTestServer.builder()
                .port(DEFAULT_PORT)
                .threads(Runtime.getRuntime().availableProcessors());
        // new instances for each gateway: an extension may keep state of its own
        ServiceLoader.load(GatewayExtension.class, RtmGatewayMain.class.getClassLoader()).forEach(builder::extension);
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value after " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--port" -> builder.port((int) Math.min(number(option, value), Integer.MAX_VALUE));
                case "--pid" -> builder.projectId(number(option, value));
                case "--secret" -> builder.secretKey(value);
                case "--clock-skew" -> builder.clockSkew(Duration.ofSeconds(number(option, value)));
                case "--resend-after" -> builder.resendUnansweredAfter(Duration.ofMillis(number(option, value)));
                case "--threads" -> builder.threads((int) number(option, value));
                case "--control" -> {
                    if (!value.equals("stdin")) {
                        throw new IllegalArgumentException("--control takes only 'stdin', not '" + value + "'");
                    }
                }
                case "--encrypt" -> builder.encryptionKey(RtmTestKeys.generate(value));
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return builder;
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
        }
    }

    private static void fail(PrintStream out, String message) {
        out.println("rtm-gateway: " + message);
        out.println("Try --help.");
    }
}
