package org.interestsoffice.notifications.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Notifications' copy of the personnel event: a person is ordered out, or their order follows a
 * change of its deadline.
 *
 * @param dueAt null while the deadline is suspended
 * @param deadlineStatus {@code RUNNING} or {@code SUSPENDED}; absent from older producers (read as running)
 * @param change null for a new order, else {@code EXTENDED}, {@code SUSPENDED} or {@code REISSUED}
 * @param replaces the order on a deadline of another kind this one moves the person off (a
 *     reduction overtaken by a rupture, any order by a persona non grata); null otherwise
 * @param exercise whether the mission is an exercise; the event's {@code occurredAt} is then on its
 *     case clock
 */
@IntegrationEvent(type = "DepartureOrdered")
public record DepartureOrdered(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String missionName,
    String missionTimeZone,
    UUID deadlineId,
    String deadlineKind,
    int deadlineVersion,
    Instant dueAt,
    String deadlineStatus,
    String change,
    Replaced replaces,
    boolean exercise) {

  /** The order left behind: the kind and id of its deadline, and the version the person was on. */
  public record Replaced(String deadlineKind, UUID deadlineId, int deadlineVersion) {}

  public boolean suspended() {
    return "SUSPENDED".equals(deadlineStatus) || dueAt == null;
  }
}
