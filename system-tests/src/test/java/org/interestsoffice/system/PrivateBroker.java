package org.interestsoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of the fault suite's own: its own node name, AMQP and distribution ports, Erlang
 * port mapper, cookie, database and logs under its directory, so that restarting it touches no other
 * broker on the machine. Its database survives a restart, as a real broker's does.
 */
final class PrivateBroker implements AutoCloseable {

  private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
  private static final Path CTL = Path.of("/usr/lib/rabbitmq/bin/rabbitmqctl");

  private final Path directory;
  private final int port;
  private final Map<String, String> environment = new HashMap<>();
  private final String node;
  private Process server;

  private PrivateBroker(Path directory, int port) {
    this.directory = directory.toAbsolutePath();
    this.port = port;
    this.node = "iopfaults" + port + "@localhost";
  }

  /**
   * A fresh node (what an earlier run left in the directory is removed), started. Its ports: AMQP
   * {@code port}, distribution {@code port + 1}, its own Erlang port mapper {@code port + 2}.
   */
  static PrivateBroker start(Path directory, int port) {
    if (!Files.isExecutable(SERVER)) {
      throw new IllegalStateException("No RabbitMQ server at " + SERVER + " (apt-get install rabbitmq-server)");
    }
    try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
      throw new IllegalStateException("Something already listens on 127.0.0.1:" + port
          + " (a broker left by a run that was killed? stop it with: HOME=" + directory.toAbsolutePath().resolve("home")
          + " ERL_EPMD_PORT=" + (port + 2) + " " + CTL + " -n iopfaults" + port + "@localhost stop)");
    } catch (IOException free) {
      // nothing there: the port is ours
    }
    PrivateBroker broker = new PrivateBroker(directory, port);
    broker.prepare();
    broker.up();
    return broker;
  }

  int port() {
    return port;
  }

  void up() {
    server = Commands.spawn(List.of(SERVER.toString()), environment, directory.resolve("server.out"));
    Commands.awaitListening("RabbitMQ " + node, port, Duration.ofMinutes(2));
  }

  /** Stops the node (rabbitmqctl stop: connections closed, the node halted) and waits for its process to end. */
  void down() {
    Commands.run(List.of(CTL.toString(), "-n", node, "stop"), environment, Duration.ofMinutes(1));
    try {
      if (server != null && !server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server = null;
  }

  private void prepare() {
    try {
      if (Files.exists(directory)) {
        try (Stream<Path> paths = Files.walk(directory)) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
      Path home = Files.createDirectories(directory.resolve("home"));
      Files.createDirectories(directory.resolve("mnesia"));
      Files.createDirectories(directory.resolve("log"));
      Path cookie = home.resolve(".erlang.cookie");
      Files.writeString(cookie, "IOPFAULTS" + port);
      Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
      Path config = directory.resolve("rabbitmq.conf");
      Files.writeString(config, "listeners.tcp.1 = 127.0.0.1:" + port + "\nloopback_users = none\n");
      Path plugins = directory.resolve("enabled_plugins");
      Files.writeString(plugins, "[].\n");
      environment.put("HOME", home.toString());
      environment.put("RABBITMQ_NODENAME", node);
      environment.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
      environment.put("RABBITMQ_NODE_PORT", Integer.toString(port));
      environment.put("RABBITMQ_DIST_PORT", Integer.toString(port + 1));
      environment.put("ERL_EPMD_PORT", Integer.toString(port + 2));
      environment.put("ERL_EPMD_ADDRESS", "127.0.0.1");
      environment.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
      environment.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
      environment.put("RABBITMQ_CONFIG_FILE", config.toString());
      environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", plugins.toString());
      environment.put("RABBITMQ_PID_FILE", directory.resolve("rabbitmq.pid").toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (server != null) {
        down();
      }
    } finally {
      // The port mapper this node started (on its own port) outlives the node: stop it too.
      try {
        Commands.run(List.of("epmd", "-kill"), environment, Duration.ofSeconds(10));
      } catch (RuntimeException alreadyGone) {
        // none was running
      }
    }
  }
}
