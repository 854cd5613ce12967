package org.interestsoffice.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One of the project's services started from its packaged jar in its own JVM, as in production. */
final class ServiceJar implements AutoCloseable {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  final String module;
  final int port;
  final Path log;
  private final Process process;

  private ServiceJar(String module, int port, Path log, Process process) {
    this.module = module;
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /**
   * The JVM options of every service a benchmark starts: {@code -DserviceJvm} (space-separated;
   * {@code -Dbenchmark.serviceJvm} through Maven), by default {@code -Xmx768m}.
   */
  static List<String> serviceJvmOptions() {
    String options = System.getProperty("serviceJvm", "-Xmx768m").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  /** Starts the module's jar on a free port (PORT) with the environment and JVM options given. */
  static ServiceJar start(String module, Map<String, String> environment, List<String> jvmOptions, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", jar(module).toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("PORT", Integer.toString(port));
    try {
      Files.createDirectories(log.getParent());
      return new ServiceJar(module, port, log, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start " + module, e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the readiness probe (database and broker reachable), failing at once if the JVM died. */
  ServiceJar awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(4);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(module + " exited while starting; see " + log);
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + readinessPath())).build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return this;
        }
      } catch (IOException notListeningYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(module + " not ready after 4 minutes; see " + log);
  }

  long pid() {
    return process.pid();
  }

  /** The gateway's actuator is on a management port of its own; its public port answers /readyz. */
  private String readinessPath() {
    return module.equals("gateway") ? "/readyz" : "/actuator/health/readiness";
  }

  /** SIGTERM, the graceful stop a deployment gives, then SIGKILL after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  static Path jar(String module) {
    Path jar = Path.of(System.getProperty("iop.modules", "."), module, "target", module + "-" + System.getProperty("iop.version") + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build it first (the benchmark command does, with -am)");
    }
    return jar;
  }

  /** What a benchmark measures; it may throw anything, which fails the run. */
  interface Measurement {
    void run() throws Exception;
  }

  /**
   * Runs a benchmark's measurement and ends the JVM with its outcome: Keycloak and the harness's
   * helpers (the test issuer's key server among them) keep threads alive, and the runs' databases
   * are dropped by the harness's shutdown hook.
   */
  static void measureAndExit(Measurement measurement) {
    try {
      measurement.run();
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
