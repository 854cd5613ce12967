package org.interestsoffice.personnel.staff;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A person on the mission's staff list, or a family member of one.
 *
 * @param principalId for family members only: the staff member they belong to (else null)
 * @param departureDeadlineId when ordered out: the deadline they must leave by (else null)
 * @param departureDueAt when ordered out: when that deadline falls due (else null)
 */
public record StaffMember(
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
    Instant departureDueAt,
    long version) {

  /**
   * Whether a rupture orders this person out. The receiving state must let those with privileges
   * leave, other than its own nationals, and their family members whatever their nationality (VCDR
   * art. 44): so family members follow their principal, while local hires and nationals of the
   * receiving state hold no privileges to lose and stay (art. 37-38).
   *
   * @param principalLeaves whether this person's principal is ordered out (family members only)
   */
  public boolean leavesOnRupture(String receivingState, boolean principalLeaves) {
    if (category == StaffCategory.FAMILY_MEMBER) {
      return principalLeaves;
    }
    return category != StaffCategory.LOCAL_HIRE && !nationality.equals(receivingState);
  }

  public Optional<UUID> principal() {
    return Optional.ofNullable(principalId);
  }

  public StaffMember orderedOut(UUID deadlineId, Instant dueAt) {
    return new StaffMember(
        id, missionId, officeCode, fullName, category, principalId, nationality, email, phone, preferredLanguage,
        StaffStatus.DEPARTURE_ORDERED, deadlineId, dueAt, version);
  }
}
