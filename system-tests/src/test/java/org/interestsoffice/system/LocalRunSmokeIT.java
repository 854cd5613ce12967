package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The README's first command works: {@code bin/smoke-test} starts the local system with
 * {@code bin/run-local}, waits for health, takes a demo user's token, declares the rupture of the
 * demo mission through the gateway, finds the alerts in the SMTP capture, stops the system as
 * Ctrl-C does and checks that no process is left. It runs the script as a developer would, so that
 * {@code ./mvnw verify} (the README's second command, which CI runs) proves the first.
 */
class LocalRunSmokeIT {

  private static final Duration LIMIT = Duration.ofMinutes(15);

  @Test
  void theReadmesRunCommandStartsAHealthySystemThatAlertsAndStopsCleanly() throws IOException, InterruptedException {
    Path root = Path.of(System.getProperty("iop.modules", "..")).toAbsolutePath().normalize();
    Path output = Path.of("target", "smoke-test.log").toAbsolutePath();
    Files.createDirectories(output.getParent());
    Process smoke =
        new ProcessBuilder("bash", root.resolve("bin/smoke-test").toString())
            .directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean finished = smoke.waitFor(LIMIT.toMinutes(), TimeUnit.MINUTES);
    if (!finished) {
      // The script stops what it started when it is asked to (SIGTERM), then exits.
      smoke.destroy();
      smoke.waitFor(2, TimeUnit.MINUTES);
    }
    List<String> lines = Files.readAllLines(output);
    String log = String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));

    assertThat(finished).as("bin/smoke-test finished within %s; its output:%n%s", LIMIT, log).isTrue();
    assertThat(smoke.exitValue()).as("bin/smoke-test exit status; its output (%s):%n%s", output, log).isZero();
    assertThat(log).contains("[smoke] PASSED");
  }
}
