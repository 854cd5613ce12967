package org.interestsoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service started from its packaged jar, as it runs in production: its own JVM and port. */
final class ServiceProcess implements AutoCloseable {

  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final int port;
  private final Path log;
  private final Process process;

  private ServiceProcess(String name, int port, Path log, Process process) {
    this.name = name;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** Starts the module's jar with the given environment on a free port; output goes to a log file. */
  static ServiceProcess start(String module, Map<String, String> environment, Path logDirectory) {
    try {
      // What an earlier run logged is not this run's (target/ survives between runs).
      Files.deleteIfExists(logDirectory.resolve(module + ".log"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return start(module, module, freePort(), environment, logDirectory);
  }

  /**
   * Starts the module's jar as the named instance on the given port; its log ({@code name.log})
   * grows across restarts of the same instance, so what a killed instance wrote stays readable.
   */
  static ServiceProcess start(String module, String name, int port, Map<String, String> environment, Path logDirectory) {
    Path log = logDirectory.resolve(name + ".log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // Small and quick to start: four JVMs share two cores during the test.
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"));
    command.addAll(List.of("-jar", Modules.jar(module).toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    builder.environment().put("PORT", Integer.toString(port));
    try {
      Files.createDirectories(logDirectory);
      return new ServiceProcess(name, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + module, e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** Waits for the readiness probe (database and broker reachable), failing fast if the JVM died. */
  void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + readinessPath())).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
      try {
        process.waitFor(250, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + name, e);
      }
    }
    throw new IllegalStateException(name + " not ready after " + timeout + ":\n" + tail());
  }

  /** The gateway's actuator is on a management port of its own; its public port answers /readyz. */
  private String readinessPath() {
    return name.startsWith("gateway") ? "/readyz" : "/actuator/health/readiness";
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String tail() {
    List<String> lines = logText().lines().toList();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  /** Kills the JVM outright (SIGKILL): no shutdown hook, no draining, as a crash or the OOM killer would. */
  void kill() {
    process.destroyForcibly();
    awaitStop(Duration.ofSeconds(15));
  }

  /** Asks the service to shut down gracefully (SIGTERM) without waiting. */
  void requestStop() {
    process.destroy();
  }

  /** Waits for the service to be gone, killing it if it takes longer than the limit. */
  void awaitStop(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  @Override
  public void close() {
    requestStop();
    awaitStop(Duration.ofSeconds(15));
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
