package org.interestsoffice.missions.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A deadline as the API shows it, with the time left when it was read.
 *
 * @param remaining time left until it is due; negative once past due
 * @param supersedes the deadline it was reissued from, or null
 * @param history its start, changes and end, oldest first (empty where not asked for)
 * @param staffId for a {@code PERSONAL} deadline, the person it applies to (else null)
 * @param staffName for a {@code PERSONAL} deadline, that person's name as missions knows it (else null)
 */
public record DeadlineView(
    UUID id,
    DeadlineKind kind,
    String noteReference,
    Instant anchoredAt,
    Duration duration,
    Instant dueAt,
    DeadlineStatus status,
    int version,
    Duration remaining,
    UUID supersedes,
    List<DeadlineHistory.Entry> history,
    UUID staffId,
    String staffName) {

  public static DeadlineView of(Deadline deadline, Instant now) {
    return of(deadline, now, List.of());
  }

  public static DeadlineView of(Deadline deadline, Instant now, List<DeadlineHistory.Entry> history) {
    return of(deadline, now, history, null);
  }

  public static DeadlineView of(Deadline deadline, Instant now, List<DeadlineHistory.Entry> history, String staffName) {
    return new DeadlineView(
        deadline.id(),
        deadline.kind(),
        deadline.noteReference(),
        deadline.anchoredAt(),
        deadline.duration(),
        deadline.dueAt(),
        deadline.status(),
        deadline.version(),
        deadline.remainingAt(now),
        deadline.supersedes(),
        history,
        deadline.staffId(),
        staffName);
  }
}
