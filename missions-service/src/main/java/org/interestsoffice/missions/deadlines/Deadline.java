package org.interestsoffice.missions.deadlines;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.platform.web.ProblemException;

/**
 * A legal time limit, running from the moment the note that set it was received.
 *
 * @param noteReference the note that set it; null for a final departure that started because a
 *     negotiation ran out
 * @param version increases with every change of the lineage (a reissued deadline continues the
 *     version of the one it supersedes), so consumers can tell an old state from a newer one
 * @param supersedes the deadline this one was reissued from, or null
 * @param staffId for a {@code PERSONAL} deadline (persona non grata): the person it applies to;
 *     null for the mission's deadlines
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
    int version,
    UUID supersedes,
    UUID staffId) {

  public static Deadline start(UUID missionId, DeadlineKind kind, String noteReference, Instant anchoredAt, Duration duration) {
    if (kind == DeadlineKind.PERSONAL) {
      throw new IllegalArgumentException("A personal deadline names its person: use startPersonal");
    }
    return new Deadline(
        UUID.randomUUID(), missionId, kind, noteReference, anchoredAt, duration, anchoredAt.plus(duration),
        DeadlineStatus.RUNNING, 1, null, null);
  }

  /** A persona non grata's own time limit to leave (VCDR art. 9). */
  public static Deadline startPersonal(UUID missionId, UUID staffId, String noteReference, Instant anchoredAt, Duration duration) {
    return new Deadline(
        UUID.randomUUID(), missionId, DeadlineKind.PERSONAL, noteReference, anchoredAt, duration, anchoredAt.plus(duration),
        DeadlineStatus.RUNNING, 1, null, staffId);
  }

  /** Time left at the given instant; negative once past due. */
  public Duration remainingAt(Instant now) {
    return Duration.between(now, dueAt);
  }

  // The notes behind a suspension or an extension go into the deadline's history; the deadline
  // keeps citing the note that set it.

  /** Stops the clock: a suspended deadline never expires until it is extended or reissued. */
  public Deadline suspend() {
    requireStatus("suspend", DeadlineStatus.RUNNING);
    return new Deadline(id, missionId, kind, noteReference, anchoredAt, duration, dueAt, DeadlineStatus.SUSPENDED, version + 1, supersedes, staffId);
  }

  /** A later due instant; a suspended deadline runs again. */
  public Deadline extend(Instant newDueAt) {
    requireStatus("extend", DeadlineStatus.RUNNING, DeadlineStatus.SUSPENDED);
    if (!newDueAt.isAfter(dueAt)) {
      throw ProblemException.invalid(
              "Not an extension", "newDueAt " + newDueAt + " must be later than the current due instant " + dueAt)
          .with("dueAt", dueAt);
    }
    return new Deadline(id, missionId, kind, noteReference, anchoredAt, duration, newDueAt, DeadlineStatus.RUNNING, version + 1, supersedes, staffId);
  }

  /**
   * A new note sets a new time limit in place of this one (even one that ran out, as the
   * 72 hours of January 2019 were reissued in March).
   *
   * @return the new deadline; this one becomes {@link #superseded()}
   */
  public Deadline reissue(String note, Instant noteReceivedAt, Duration window) {
    requireStatus("reissue", DeadlineStatus.RUNNING, DeadlineStatus.SUSPENDED, DeadlineStatus.EXPIRED);
    return new Deadline(
        UUID.randomUUID(), missionId, kind, note, noteReceivedAt, window, noteReceivedAt.plus(window),
        DeadlineStatus.RUNNING, version + 1, id, staffId);
  }

  public Deadline superseded() {
    return withStatus(DeadlineStatus.SUPERSEDED);
  }

  public Deadline met() {
    return withStatus(DeadlineStatus.MET);
  }

  public Deadline expired() {
    return withStatus(DeadlineStatus.EXPIRED);
  }

  public boolean isOpen() {
    return status == DeadlineStatus.RUNNING || status == DeadlineStatus.SUSPENDED;
  }

  private Deadline withStatus(DeadlineStatus next) {
    return new Deadline(id, missionId, kind, noteReference, anchoredAt, duration, dueAt, next, version, supersedes, staffId);
  }

  private void requireStatus(String action, DeadlineStatus... allowed) {
    if (!List.of(allowed).contains(status)) {
      throw ProblemException.conflict("Deadline change not allowed", "Cannot " + action + " a deadline that is " + status)
          .with("currentStatus", status)
          .with("allowedFrom", List.of(allowed));
    }
  }
}
