package org.interestsoffice.missions.deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;
import org.junit.jupiter.api.Test;

/** Suspension, extension and reissue of a deadline, and the versions of its lineage. */
class DeadlineTest {

  private static final Instant NOTE_RECEIVED = Instant.parse("2019-01-23T20:00:00Z");
  private final Deadline departure =
      Deadline.start(UUID.randomUUID(), DeadlineKind.DEPARTURE, "MPPRE-1", NOTE_RECEIVED, Duration.ofHours(72));

  @Test
  void startsRunningFromTheNotesReceiptAtVersionOne() {
    assertThat(departure.dueAt()).isEqualTo(Instant.parse("2019-01-26T20:00:00Z"));
    assertThat(departure.status()).isEqualTo(DeadlineStatus.RUNNING);
    assertThat(departure.version()).isEqualTo(1);
    assertThat(departure.remainingAt(NOTE_RECEIVED.plus(Duration.ofHours(12)))).isEqualTo(Duration.ofHours(60));
  }

  @Test
  void aSuspendedDeadlineRunsAgainWhenExtendedAndEachChangeRaisesTheVersion() {
    Deadline suspended = departure.suspend();
    Deadline extended = suspended.extend(departure.dueAt().plus(Duration.ofDays(1)));

    assertThat(suspended.status()).isEqualTo(DeadlineStatus.SUSPENDED);
    assertThat(suspended.version()).isEqualTo(2);
    assertThat(extended.status()).isEqualTo(DeadlineStatus.RUNNING);
    assertThat(extended.version()).isEqualTo(3);
    assertThat(extended.dueAt()).isEqualTo(Instant.parse("2019-01-27T20:00:00Z"));
    assertThat(extended.noteReference()).as("still cites the note that set it").isEqualTo("MPPRE-1");
  }

  @Test
  void aReissueContinuesTheLineagesVersionFromTheNewNote() {
    Instant march = Instant.parse("2019-03-11T16:00:00Z");
    Deadline expired = departure.suspend().expired();

    Deadline reissued = expired.reissue("MPPRE-2", march, Duration.ofHours(72));

    assertThat(reissued.id()).isNotEqualTo(departure.id());
    assertThat(reissued.supersedes()).isEqualTo(departure.id());
    assertThat(reissued.version()).isEqualTo(3);
    assertThat(reissued.anchoredAt()).isEqualTo(march);
    assertThat(reissued.dueAt()).isEqualTo(march.plus(Duration.ofHours(72)));
    assertThat(reissued.status()).isEqualTo(DeadlineStatus.RUNNING);
    assertThat(expired.superseded().status()).isEqualTo(DeadlineStatus.SUPERSEDED);
  }

  @Test
  void anExtensionMustBeLater() {
    ProblemException refused = catchThrowableOfType(ProblemException.class, () -> departure.extend(departure.dueAt()));
    assertThat(refused.status()).isEqualTo(400);
  }

  @Test
  void aDeadlineThatEndedChangesNoMoreExceptByReissue() {
    for (Deadline ended : new Deadline[] {departure.met(), departure.expired(), departure.superseded()}) {
      ProblemException suspension = catchThrowableOfType(ProblemException.class, ended::suspend);
      assertThat(suspension.status()).isEqualTo(409);
      assertThat(suspension.properties()).containsEntry("currentStatus", ended.status());
      ProblemException extension = catchThrowableOfType(ProblemException.class, () -> ended.extend(ended.dueAt().plusSeconds(60)));
      assertThat(extension.status()).isEqualTo(409);
    }
    assertThat(catchThrowableOfType(ProblemException.class, () -> departure.met().reissue("N", NOTE_RECEIVED, Duration.ofHours(1))).status())
        .isEqualTo(409);
    assertThat(catchThrowableOfType(ProblemException.class, () -> departure.superseded().reissue("N", NOTE_RECEIVED, Duration.ofHours(1))).status())
        .isEqualTo(409);
    assertThat(catchThrowableOfType(ProblemException.class, () -> departure.suspend().suspend()).status()).isEqualTo(409);
  }
}
