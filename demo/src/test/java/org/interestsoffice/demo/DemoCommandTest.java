package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@code bin/demo replay} and {@code timeline}: what they refuse before calling the running system (none runs here). */
class DemoCommandTest {

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private int run(String... args) {
    // A gateway nobody listens on: a command that called it would fail with "does not answer".
    return Demo.run(args, Map.of("IOP_GATEWAY_URL", "http://127.0.0.1:9", "IOP_KEYCLOAK_URL", "http://127.0.0.1:9"),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private String output() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  @Test
  void replayWithoutACaseNamesTheCases() {
    assertThat(run("replay")).isEqualTo(2);
    assertThat(output()).contains("replay 2019 <step|all>", "replay cuba1961 <step|all>", "replay all");
  }

  @Test
  void anUnknownStepIsRefusedWithTheCaseSteps() {
    assertThat(run("replay", "cuba1961", "negotiation")).isEqualTo(1);
    assertThat(output()).contains("No step negotiation in cuba1961", "reduction, rupture, protection, cessation, closure, section, restoration");
    assertThat(output()).doesNotContain("does not answer");
  }

  @Test
  void aBareStepIs2019s() {
    assertThat(run("replay", "reduction")).isEqualTo(1);
    assertThat(output()).contains("No step reduction in 2019");
  }

  @Test
  void anUnknownCaseIsRefusedByTimeline() {
    assertThat(run("timeline", "1815")).isEqualTo(1);
    assertThat(output()).contains("No case 1815: the cases are 2019, cuba1961");
  }

  @Test
  void helpShowsBothCasesAndTheCaseClockInStatus() {
    assertThat(run("help")).isZero();
    assertThat(output()).contains("replay all", "replay 2019 [step|all]", "replay cuba1961 [step|all]", "case clock");
  }
}
