package org.interestsoffice.missions.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import org.interestsoffice.platform.web.ProblemException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every (mandate status, command): the documented move, or a 409 naming where it is allowed from, the mandate unchanged. */
class MandateStatusTest {

  private static final Map<MandateStatus, Map<MandateStatus.Command, MandateStatus>> DOCUMENTED =
      Map.of(
          MandateStatus.PENDING_CONSENT,
              Map.of(MandateStatus.Command.CONSENT, MandateStatus.IN_FORCE, MandateStatus.Command.TERMINATE, MandateStatus.TERMINATED),
          MandateStatus.IN_FORCE, Map.of(MandateStatus.Command.TERMINATE, MandateStatus.TERMINATED),
          MandateStatus.TERMINATED, Map.of());

  private static final Instant CONSENT = Instant.parse("1961-01-06T12:00:00Z");
  private static final Instant ENDED = Instant.parse("2015-07-20T04:00:00Z");

  static Stream<Arguments> everyStatusAndCommand() {
    List<Arguments> all = new ArrayList<>();
    for (MandateStatus status : MandateStatus.values()) {
      for (MandateStatus.Command command : MandateStatus.Command.values()) {
        all.add(Arguments.of(status, command, Optional.ofNullable(DOCUMENTED.get(status).get(command))));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @MethodSource("everyStatusAndCommand")
  void eachCommandMovesToTheDocumentedStatusOrIsRefused(MandateStatus status, MandateStatus.Command command, Optional<MandateStatus> expected) {
    Mandate mandate = aMandate(status);
    assertThat(status.next(command)).isEqualTo(expected);
    if (expected.isPresent()) {
      Mandate moved = apply(mandate, command);
      assertThat(moved.status()).isEqualTo(expected.get());
      if (command == MandateStatus.Command.CONSENT) {
        assertThat(moved.hostConsentAt()).isEqualTo(CONSENT);
        assertThat(moved.entryIntoForce()).isEqualTo(CONSENT);
      } else {
        assertThat(moved.terminatedAt()).isEqualTo(ENDED);
        assertThat(moved.terminationNote()).isEqualTo("MINREX-2015-1");
      }
    } else {
      ProblemException refused = catchThrowableOfType(ProblemException.class, () -> apply(mandate, command));
      assertThat(refused).as("%s from %s must be refused", command, status).isNotNull();
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.properties())
          .containsEntry("currentStatus", status)
          .containsEntry("allowedFrom", MandateStatus.allowedFrom(command));
      assertThat(mandate.status()).isEqualTo(status);
    }
  }

  private static Mandate apply(Mandate mandate, MandateStatus.Command command) {
    return command == MandateStatus.Command.CONSENT ? mandate.consented(CONSENT) : mandate.terminated("MINREX-2015-1", ENDED);
  }

  private static Mandate aMandate(MandateStatus status) {
    return new Mandate(
        UUID.randomUUID(), UUID.randomUUID(), "US", "CH", "CU", ProtectionScope.BOTH, status, null, null, true, true, null, null, null,
        "was.head", Instant.parse("1961-01-04T12:00:00Z"));
  }
}
