package org.interestsoffice.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
* A TCP proxy on 127.0.0.1 for fault injection: put it between a service and RabbitMQ (or PostgreSQL), then
* {@link #cut()} the line and {@link #restore()} it. One blocking daemon thread per direction of each connection.
*/
public final class TcpProxy implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int TARGET_CONNECT_TIMEOUT_MILLIS = 5_000;

  private final String targetHost;
  private final int targetPort;
  private final int port;

  // Guarded by this. listener and acceptor are null while the line is cut.
  private ServerSocket listener;
  private Thread acceptor;
  private final Set<Socket> sockets = new HashSet<>();
  private boolean closed;
  private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

  private TcpProxy(String targetHost, int targetPort) {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.port = listen(0);
  }

  /** Listens on an ephemeral port of 127.0.0.1 and forwards every connection to the target. */
  public static TcpProxy start(String targetHost, int targetPort) {
    return new TcpProxy(targetHost, targetPort);
  }

  public String host() {
    return HOST;
  }

  /** The port clients connect to; the same after {@link #restore()}. */
  public int port() {
    return port;
  }

  /** How many connections clients have opened through the proxy so far. */
  public int connectionsAccepted() {
    return accepted.get();
  }

  /**
  * Breaks every open connection with a reset and stops listening, so new connections are refused, as when a
  * broker goes away.
  */
  public synchronized void cut() {
    closeQuietly(listener);
    awaitEnd(acceptor);
    listener = null;
    acceptor = null;
    sockets.forEach(TcpProxy::reset);
    sockets.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() {
    if (closed) {
      throw new IllegalStateException("Proxy to " + targetHost + ":" + targetPort + " is closed");
    }
    if (listener == null) {
      listen(port);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    cut();
  }

  /** Starts listening and accepting; returns the port bound. */
  private int listen(int requestedPort) {
    ServerSocket server = bind(requestedPort);
    synchronized (this) {
      listener = server;
      acceptor = daemon(threadName(server, "accept"), () -> acceptAll(server));
      acceptor.start();
    }
    return server.getLocalPort();
  }

  private static ServerSocket bind(int port) {
    ServerSocket server = null;
    try {
      server = new ServerSocket();
      // Lets restore() bind the port again while connections from before the cut linger in TIME_WAIT.
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
      return server;
    } catch (IOException e) {
      closeQuietly(server);
      throw new UncheckedIOException("Could not listen on " + HOST + ":" + port, e);
    }
  }

  private void acceptAll(ServerSocket server) {
    while (true) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // cut() or close() closed the listener
      }
      // Connecting to the target off the accept thread, so a slow target does not hold up other clients.
      daemon(threadName(server, "connect"), () -> connect(server, client)).start();
    }
  }

  private void connect(ServerSocket acceptedBy, Socket client) {
    accepted.incrementAndGet();
    var target = new Socket();
    try {
      target.connect(new InetSocketAddress(targetHost, targetPort), TARGET_CONNECT_TIMEOUT_MILLIS);
    } catch (IOException e) {
      reset(client); // the client sees what it would see from an unreachable target: a dropped line
      reset(target);
      return;
    }
    synchronized (this) {
      if (listener != acceptedBy) { // cut while we were connecting
        reset(client);
        reset(target);
        return;
      }
      sockets.add(client);
      sockets.add(target);
    }
    var openDirections = new AtomicInteger(2);
    daemon(threadName(acceptedBy, "up"), () -> pipe(client, target, client, target, openDirections)).start();
    daemon(threadName(acceptedBy, "down"), () -> pipe(target, client, client, target, openDirections)).start();
  }

  private void pipe(Socket from, Socket to, Socket client, Socket target, AtomicInteger openDirections) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int read;
      while ((read = in.read(buffer)) != -1) {
        out.write(buffer, 0, read);
      }
      // Passes the half-close on; the other direction may still be carrying a reply.
      to.shutdownOutput();
      if (openDirections.decrementAndGet() == 0) {
        forget(client, target);
        closeQuietly(client);
        closeQuietly(target);
      }
    } catch (IOException e) {
      // One side failed, or cut() reset both: the other side must see the connection break too.
      forget(client, target);
      reset(client);
      reset(target);
    }
  }

  private synchronized void forget(Socket client, Socket target) {
    sockets.remove(client);
    sockets.remove(target);
  }

  /**
  * The JDK releases a listening socket only once the thread blocked in accept() has left it; until then
  * restore() could not bind the port again.
  */
  private static void awaitEnd(Thread thread) {
    if (thread == null) {
      return;
    }
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String threadName(ServerSocket server, String role) {
    return "tcp-proxy-" + server.getLocalPort() + "-" + role;
  }

  private static Thread daemon(String name, Runnable work) {
    var thread = new Thread(work, name);
    thread.setDaemon(true);
    return thread;
  }

  /** Closes with RST instead of FIN, so the peer sees a broken connection rather than an orderly end. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // already closed
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing left to release
    }
  }
}
