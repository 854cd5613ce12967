package org.interestsoffice.personnel.staff;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;

/**
 * A staff member as the API shows it to users of the member's office.
 *
 * @param departureDeadlineKind when ordered out (or gone): the kind of deadline they leave by, which
 *     says why ({@code DEPARTURE}, {@code FINAL_DEPARTURE}, {@code REDUCTION}, {@code PERSONAL})
 */
public record StaffView(
    UUID id,
    UUID missionId,
    String officeCode,
    String fullName,
    StaffCategory category,
    UUID principalId,
    String nationality,
    String email,
    String phone,
    String preferredLanguage,
    StaffStatus status,
    UUID departureDeadlineId,
    DeadlineKind departureDeadlineKind,
    Integer departureDeadlineVersion,
    Instant departureDueAt,
    Instant departedAt) {

  public static StaffView of(StaffMember member) {
    return new StaffView(
        member.id(),
        member.missionId(),
        member.officeCode(),
        member.fullName(),
        member.category(),
        member.principalId(),
        member.nationality(),
        member.email(),
        member.phone(),
        member.preferredLanguage(),
        member.status(),
        member.departureDeadlineId(),
        member.departureDeadlineKind(),
        member.departureDeadlineVersion(),
        member.departureDueAt(),
        member.departedAt());
  }
}
