package org.interestsoffice.missions.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * A legal time limit, running from the moment the note that set it was received.
 *
 * @param version increases with every change, so consumers can tell an old state from a newer one
 */
public record Deadline(
    UUID id,
    UUID missionId,
    DeadlineKind kind,
    String noteReference,
    Instant anchoredAt,
    Duration duration,
    Instant dueAt,
    DeadlineStatus status,
    int version) {

  public static Deadline start(UUID missionId, DeadlineKind kind, String noteReference, Instant anchoredAt, Duration duration) {
    return new Deadline(
        UUID.randomUUID(), missionId, kind, noteReference, anchoredAt, duration, anchoredAt.plus(duration),
        DeadlineStatus.RUNNING, 1);
  }

  /** Time left at the given instant; negative once past due. */
  public Duration remainingAt(Instant now) {
    return Duration.between(now, dueAt);
  }
}
