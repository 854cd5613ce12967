package org.interestsoffice.personnel.departures;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.missions.DeadlineStatus;

/**
 * A deadline as personnel last heard of it: the highest version seen.
 *
 * @param lineageId shared by a deadline and every reissue of it
 * @param status null if not known (a deadline seen only as the one a reissue superseded)
 * @param dueAt null if not known (a deadline seen only as the one a reissue superseded) or suspended
 */
public record KnownDeadline(
    UUID deadlineId, UUID lineageId, UUID missionId, DeadlineKind kind, DeadlineStatus status, Instant dueAt, int version) {

  /** Whether the deadline still runs or may run again: an overdue person is then ordered out anew. */
  public boolean stillOpen() {
    return status != null && status.open();
  }

  public boolean suspended() {
    return status == DeadlineStatus.SUSPENDED;
  }
}
