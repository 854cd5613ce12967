package org.interestsoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the fault suite's own (initdb into its directory, its own port), so that
 * stopping it for minutes touches nobody else's databases. Runs as the {@code postgres} system user
 * when the JVM is root (initdb refuses root).
 */
final class PrivatePostgres implements AutoCloseable {

  private final Path directory;
  private final Path data;
  private final int port;
  private final Path bin;

  private PrivatePostgres(Path directory, int port) {
    this.directory = directory.toAbsolutePath();
    this.data = this.directory.resolve("data");
    this.port = port;
    this.bin = installed();
  }

  /** A fresh cluster in the directory (whatever an earlier run left there is removed), started. */
  static PrivatePostgres start(Path directory, int port) {
    PrivatePostgres postgres = new PrivatePostgres(directory, port);
    postgres.create();
    postgres.up();
    return postgres;
  }

  int port() {
    return port;
  }

  String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  void createDatabase(String name) {
    try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE \"" + name + "\"");
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + name + ": " + e.getMessage(), e);
    }
  }

  /** Starts the cluster and waits until it accepts connections. */
  void up() {
    pgCtl("-w", "-t", "60", "-l", directory.resolve("postgres.log").toString(),
        "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off", "start");
  }

  /** Stops the cluster: fast mode, every session cut at once, as when the server is taken down. */
  void down() {
    pgCtl("-w", "-t", "60", "-m", "fast", "stop");
  }

  private void create() {
    try {
      if (Files.exists(directory)) {
        if (Files.exists(data.resolve("postmaster.pid"))) {
          // A run that was cut off left its server running: stop it before starting over.
          try {
            down();
          } catch (RuntimeException ignored) {
            // not running after all
          }
        }
        try (Stream<Path> paths = Files.walk(directory)) {
          paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
      }
      Files.createDirectories(directory);
      if (Commands.asRoot()) {
        Commands.run(List.of("chown", "postgres", directory.toString()), Map.of(), Duration.ofSeconds(10));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Commands.run(
        Commands.as("postgres", List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync")),
        Map.of(), Duration.ofMinutes(2));
  }

  private void pgCtl(String... arguments) {
    List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString()));
    command.addAll(List.of(arguments));
    Commands.run(Commands.as("postgres", command), Map.of(), Duration.ofSeconds(90));
  }

  /** The newest PostgreSQL server installed (Debian keeps each major version under /usr/lib/postgresql). */
  private static Path installed() {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions
          .filter(version -> Files.isExecutable(version.resolve("bin/initdb")))
          .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString().replaceAll("\\D", "0"))))
          .map(version -> version.resolve("bin"))
          .orElseThrow(() -> new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)"));
    } catch (IOException e) {
      throw new IllegalStateException("No PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql)", e);
    }
  }

  @Override
  public void close() {
    if (Files.exists(data.resolve("postmaster.pid"))) {
      down();
    }
  }
}
