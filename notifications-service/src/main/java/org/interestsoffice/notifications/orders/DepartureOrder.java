package org.interestsoffice.notifications.orders;

import java.time.Instant;
import java.util.UUID;

/**
 * The departure order a person is under, as personnel last announced it.
 *
 * @param deadlineStatus {@code RUNNING} or {@code SUSPENDED}
 * @param dueAt null while suspended
 * @param round counts the times this order was started: a person ordered out again after their
 *     order ended (a designation as remaining staff withdrawn) is alerted anew
 * @param exercise whether the mission is an exercise: its alerts say so, and its reminders and
 *     escalation fall due on the mission's case clock
 */
public record DepartureOrder(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String missionName,
    String missionTimeZone,
    String deadlineKind,
    UUID deadlineId,
    int deadlineVersion,
    String deadlineStatus,
    Instant dueAt,
    int round,
    boolean exercise) {

  public boolean running() {
    return "RUNNING".equals(deadlineStatus) && dueAt != null;
  }
}
