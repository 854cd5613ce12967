package org.interestsoffice.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The fault suite's short variant in {@code ./mvnw verify}: a few hundred staff, one cycle of each
 * fault. {@code bin/chaos} runs this same test with more staff and cycles (system properties
 * {@code faults.*}, see {@link FaultSuite.Settings}).
 *
 * <p>The database stays down longer than the consumers' retries would once have lasted: 4 delivery
 * attempts, each waiting for a connection. To keep this variant short the services wait 5 s for a
 * connection (Hikari's connectionTimeout, 30 s by default), so those retries take about 27 s and a
 * 45 s stop outlasts them; the long run keeps the 30 s default and stops the database for 2.5 min.
 */
class FaultSuiteIT {

  @Test
  void nothingIsLostUnderFaultsAndNothingIsSentTwiceBeyondTheBound() {
    FaultSuite.Settings settings =
        FaultSuite.Settings.fromSystemProperties(200, 1, Duration.ofSeconds(45), Duration.ofSeconds(5));
    FaultTally tally;
    try (FaultSuite suite = new FaultSuite(settings, System.out)) {
      suite.start();
      tally = suite.run();
    }
    tally.print(System.out);
    assertThat(tally.total(tally.email).expected()).isEqualTo(settings.staff() * settings.cycles() * FaultSuite.Fault.values().length);
    assertThat(tally.failures()).isEmpty();
  }
}
