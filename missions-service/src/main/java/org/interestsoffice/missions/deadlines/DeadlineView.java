package org.interestsoffice.missions.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A deadline as the API shows it, with the time left when it was read. */
public record DeadlineView(
    UUID id,
    DeadlineKind kind,
    String noteReference,
    Instant anchoredAt,
    Duration duration,
    Instant dueAt,
    DeadlineStatus status,
    int version,
    Duration remaining) {

  public static DeadlineView of(Deadline deadline, Instant now) {
    return new DeadlineView(
        deadline.id(),
        deadline.kind(),
        deadline.noteReference(),
        deadline.anchoredAt(),
        deadline.duration(),
        deadline.dueAt(),
        deadline.status(),
        deadline.version(),
        deadline.remainingAt(now));
  }
}
