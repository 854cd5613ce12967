package org.interestsoffice.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TcpProxyTest {

  private final EchoServer echo = new EchoServer();
  private final TcpProxy proxy = TcpProxy.start("127.0.0.1", echo.port());

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    echo.close();
  }

  @Test
  void bytesFlowBothWaysUnchanged() throws Exception {
    byte[] payload = new byte[512 * 1024];
    new Random(7).nextBytes(payload);

    try (Socket client = connect()) {
      // Written concurrently: the echo comes back while we write, and would fill the buffers otherwise.
      var written = CompletableFuture.runAsync(() -> write(client, payload));
      byte[] echoed = client.getInputStream().readNBytes(payload.length);
      written.join();

      assertThat(echoed).isEqualTo(payload);
    }
  }

  @Test
  void aHalfCloseStillGetsItsReply() throws Exception {
    try (Socket client = connect()) {
      client.getOutputStream().write("departure window".getBytes(UTF_8));
      client.shutdownOutput();

      assertThat(new String(client.getInputStream().readAllBytes(), UTF_8)).isEqualTo("departure window");
    }
  }

  @Test
  void cutBreaksOpenConnectionsAndRefusesNewOnes() throws Exception {
    try (Socket open = connect()) {
      assertThat(roundTrip(open, "before")).isEqualTo("before");

      proxy.cut();

      assertThatThrownBy(() -> roundTrip(open, "after")).isInstanceOf(IOException.class);
      assertThatExceptionOfType(ConnectException.class).isThrownBy(this::connect);
    }
  }

  @Test
  void restoreAcceptsAgainOnTheSamePort() throws Exception {
    int port = proxy.port();
    try (Socket beforeCut = connect()) {
      assertThat(roundTrip(beforeCut, "before")).isEqualTo("before");
      proxy.cut();

      proxy.restore();

      assertThat(proxy.port()).isEqualTo(port);
      try (Socket afterRestore = connect()) {
        assertThat(roundTrip(afterRestore, "after")).isEqualTo("after");
      }
      assertThatThrownBy(() -> roundTrip(beforeCut, "still there?")).isInstanceOf(IOException.class);
    }
  }

  private Socket connect() throws IOException {
    var socket = new Socket(proxy.host(), proxy.port());
    socket.setSoTimeout(5_000); // a broken proxy fails the test instead of hanging it
    return socket;
  }

  /** Sends a message and reads back as many bytes; an end of stream counts as a broken connection. */
  private static String roundTrip(Socket socket, String message) throws IOException {
    byte[] bytes = message.getBytes(UTF_8);
    socket.getOutputStream().write(bytes);
    byte[] reply = socket.getInputStream().readNBytes(bytes.length);
    if (reply.length < bytes.length) {
      throw new IOException("Connection ended after " + reply.length + " bytes");
    }
    return new String(reply, UTF_8);
  }

  private static void write(Socket socket, byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Echoes every byte on every connection; ends a connection's output when its input ends. */
  private static final class EchoServer implements AutoCloseable {

    private final ServerSocket server;

    EchoServer() {
      try {
        server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      daemon(() -> {
        while (true) {
          Socket connection;
          try {
            connection = server.accept();
          } catch (IOException e) {
            return;
          }
          daemon(() -> echo(connection));
        }
      });
    }

    int port() {
      return server.getLocalPort();
    }

    private static void echo(Socket connection) {
      try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // the proxy dropped the connection
      }
    }

    private static void daemon(Runnable work) {
      var thread = new Thread(work, "echo-server");
      thread.setDaemon(true);
      thread.start();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }
}
