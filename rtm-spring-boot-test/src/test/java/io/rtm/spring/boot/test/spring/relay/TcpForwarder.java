package io.rtm.spring.boot.test.spring.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards TCP connections on a port of 127.0.0.1 to another address, from the moment it is started: before, the
 * port refuses connections, as a broker that is down does. A client that bootstraps through it learns the
 * broker's own address and connects there next.
 */
final class TcpForwarder implements AutoCloseable {

    private final int port;

    private final InetSocketAddress target;

    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private ServerSocket server;

    /** A forwarder on a free port, not listening yet. */
    TcpForwarder(String targetHostPort) throws IOException {
        String host = targetHostPort.substring(0, targetHostPort.lastIndexOf(':'));
        this.target = new InetSocketAddress(host, Integer.parseInt(targetHostPort.substring(host.length() + 1)));
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
    }

    int port() {
        return this.port;
    }

    synchronized void start() throws IOException {
        this.server = new ServerSocket();
        this.server.setReuseAddress(true);
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port));
        daemon(this::accept, "rtm-test-forwarder");
    }

    private void accept() {
        try {
            while (true) {
                Socket client = this.server.accept();
                Socket upstream = new Socket(this.target.getAddress(), this.target.getPort());
                this.sockets.add(client);
                this.sockets.add(upstream);
                daemon(() -> pipe(client, upstream), "rtm-test-forwarder-up");
                daemon(() -> pipe(upstream, client), "rtm-test-forwarder-down");
            }
        } catch (IOException ex) {
            // closed
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException ex) {
            // either side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ex) {
            // closing anyway
        }
    }

    @Override
    public synchronized void close() {
        if (this.server != null) {
            closeQuietly(this.server);
        }
        this.sockets.forEach(TcpForwarder::closeQuietly);
    }
}
