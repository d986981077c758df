package io.perennial.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP link between Perennial and one of its dependencies that a test can break: {@link #stall()} keeps every
 * connection open but carries no more bytes (a dependency that accepts and never answers), {@link #cut()} closes
 * every connection and every new one at once (a dependency that is down), {@link #open()} carries bytes again.
 */
final class TcpLink implements AutoCloseable {

    private enum Mode { OPEN, STALLED, CUT }

    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger heldChunks = new AtomicInteger();
    private volatile Mode mode = Mode.OPEN;

    TcpLink(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        daemon("link-accept-" + targetPort, this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    void stall() {
        heldChunks.set(0);
        mode = Mode.STALLED;
    }

    synchronized void cut() {
        mode = Mode.CUT;
        sockets.forEach(TcpLink::closeQuietly);
        sockets.clear();
        notifyAll();
    }

    synchronized void open() {
        mode = Mode.OPEN;
        notifyAll();
    }

    /** Waits (bounded) until the stalled link holds bytes a client sent: a call is then stuck on it. */
    void awaitHeldBytes(Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (heldChunks.get() == 0) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("nothing was sent over the stalled link within " + within);
            }
            Thread.sleep(20);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (mode == Mode.CUT) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(targetHost, targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon("link-up-" + targetPort, () -> pump(client, server));
                daemon("link-down-" + targetPort, () -> pump(server, client));
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                holdWhileStalled();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // cut, or the other side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private synchronized void holdWhileStalled() throws InterruptedException {
        if (mode == Mode.STALLED) {
            heldChunks.incrementAndGet();
        }
        while (mode == Mode.STALLED) {
            wait();
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        open();
        try {
            listener.close();
        } catch (IOException ignored) {
            // already closed
        }
        sockets.forEach(TcpLink::closeQuietly);
    }
}
