package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.missions.DeadlineStatus;
import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * A staff member must leave by the deadline's due instant: published when the person is first
 * ordered out, and again whenever the deadline they are ordered out on changes, so that alerts
 * follow the deadline.
 *
 * @param deadlineStatus {@code RUNNING} or {@code SUSPENDED} (then {@code dueAt} may be null)
 * @param change null for a new order; {@code EXTENDED}, {@code SUSPENDED} or {@code REISSUED} when
 *     an order follows a change of its deadline
 * @param replaces the order on a deadline of another kind this one moves the person off (a
 *     reduction overtaken by a rupture, any order by a persona non grata), else null
 * @param exercise whether the mission is an exercise: its alerts say so ("EXERCISE" / "EJERCICIO")
 *     and are counted apart
 */
@IntegrationEvent(type = "DepartureOrdered")
public record DepartureOrdered(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String missionName,
    String missionTimeZone,
    UUID deadlineId,
    DeadlineKind deadlineKind,
    int deadlineVersion,
    Instant dueAt,
    DeadlineStatus deadlineStatus,
    String change,
    Replaced replaces,
    boolean exercise) {

  /** The order left behind: its deadline's kind, id and the version the person was on. */
  public record Replaced(DeadlineKind deadlineKind, UUID deadlineId, int deadlineVersion) {}
}
