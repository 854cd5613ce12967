package org.interestsoffice.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a server's own control commands (pg_ctl, rabbitmqctl) to completion, failing with their output. */
final class Commands {

  private Commands() {}

  /** Whether this JVM runs as root: PostgreSQL's tools refuse root, so they run as its system user. */
  static boolean asRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** The command as the given system user when this JVM is root, else as it is. */
  static List<String> as(String user, List<String> command) {
    if (!asRoot()) {
      return command;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", user, "--"));
    wrapped.addAll(command);
    return wrapped;
  }

  static String run(List<String> command, Map<String, String> environment, Duration limit) {
    try {
      Path output = Files.createTempFile("iop-command", ".out");
      try {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(String.join(" ", command) + " did not finish within " + limit + ":\n" + Files.readString(output));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + String.join(" ", command), e);
    }
  }

  /** Starts a long-running server in a process group of its own, its output appended to the log. */
  static Process spawn(List<String> command, Map<String, String> environment, Path log) {
    List<String> detached = new ArrayList<>(List.of("setsid"));
    detached.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(detached).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    try {
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until something accepts connections on 127.0.0.1:port. */
  static void awaitListening(String what, int port, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      try (java.net.Socket ignored = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        pause(Duration.ofMillis(250));
      }
    }
    throw new IllegalStateException(what + " not listening on 127.0.0.1:" + port + " after " + limit);
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
