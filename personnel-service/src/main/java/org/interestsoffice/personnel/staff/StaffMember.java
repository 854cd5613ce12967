package org.interestsoffice.personnel.staff;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;

/**
 * A person on the mission's staff list, or a family member of one.
 *
 * @param principalId for family members only: the staff member they belong to (else null)
 * @param departureDeadlineId when ordered out: the deadline they must leave by (else null)
 * @param departureDeadlineKind when ordered out: why ({@code DEPARTURE}, {@code FINAL_DEPARTURE},
 *     {@code REDUCTION} or {@code PERSONAL})
 * @param departureDeadlineVersion when ordered out: the version of the deadline applied, so that an
 *     older change arriving late does not overwrite a newer one
 * @param departureDueAt when ordered out: when that deadline falls due (null while suspended)
 * @param departedAt when the person left (else null)
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
    DeadlineKind departureDeadlineKind,
    Integer departureDeadlineVersion,
    Instant departureDueAt,
    Instant departedAt,
    long version) {

  /** A newly registered person: accredited, not ordered out. */
  public static StaffMember accredited(
      UUID id, UUID missionId, String officeCode, String fullName, StaffCategory category, UUID principalId,
      String nationality, String email, String phone, String preferredLanguage) {
    return new StaffMember(
        id, missionId, officeCode, fullName, category, principalId, nationality, email, phone, preferredLanguage,
        StaffStatus.ACCREDITED, null, null, null, null, null, 0);
  }

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

  /**
   * Only members of the mission with privileges of their own can stay behind under diplomatic
   * protection: not local hires, not nationals of the receiving state, not family members.
   */
  public boolean mayRemain(String receivingState) {
    return hasPrivilegesOfTheirOwn(receivingState);
  }

  /**
   * A member of the mission who holds privileges in their own right: not a family member (whose
   * privileges follow their principal's), not a local hire, not a national of the receiving state.
   * These are the staff a ceiling counts.
   */
  public boolean hasPrivilegesOfTheirOwn(String receivingState) {
    return category != StaffCategory.FAMILY_MEMBER && leavesOnRupture(receivingState, false);
  }

  /** Whether this person is a family member of that staff member. */
  public boolean isFamilyOf(UUID staffId) {
    return category == StaffCategory.FAMILY_MEMBER && staffId.equals(principalId);
  }

  public Optional<UUID> principal() {
    return Optional.ofNullable(principalId);
  }

  public boolean hasDeparted() {
    return status == StaffStatus.DEPARTED;
  }

  /** Ordered out and not gone yet: on their way out, or late. */
  public boolean isUnderOrder() {
    return status == StaffStatus.DEPARTURE_ORDERED || status == StaffStatus.OVERDUE;
  }

  /** Under an order on a deadline of that kind. */
  public boolean isUnderOrderOf(DeadlineKind kind) {
    return isUnderOrder() && departureDeadlineKind == kind;
  }

  /**
   * The order a new order on a deadline of {@code kind} moves this person off: the one they are under,
   * if it is of another kind. An order of the same kind is followed to its newer version instead.
   */
  public Optional<Order> orderReplacedBy(DeadlineKind kind) {
    if (!isUnderOrder() || departureDeadlineKind == kind) {
      return Optional.empty();
    }
    return Optional.of(new Order(departureDeadlineKind, departureDeadlineId, departureDeadlineVersion));
  }

  /** An order a person is under: the deadline's kind and id, and the version they were told of. */
  public record Order(DeadlineKind deadlineKind, UUID deadlineId, int deadlineVersion) {}

  public StaffMember orderedOut(UUID deadlineId, DeadlineKind deadlineKind, int deadlineVersion, Instant dueAt) {
    return with(StaffStatus.DEPARTURE_ORDERED, deadlineId, deadlineKind, deadlineVersion, dueAt, null);
  }

  /** Remaining staff are taken out of the departure order. */
  public StaffMember remaining() {
    return with(StaffStatus.REMAINING, null, null, null, null, null);
  }

  /** Back to the staff list, for a withdrawn designation while nobody is ordered out. */
  public StaffMember accredited() {
    return with(StaffStatus.ACCREDITED, null, null, null, null, null);
  }

  public StaffMember overdue() {
    return with(StaffStatus.OVERDUE, departureDeadlineId, departureDeadlineKind, departureDeadlineVersion, departureDueAt, null);
  }

  public StaffMember departed(Instant at) {
    return with(StaffStatus.DEPARTED, departureDeadlineId, departureDeadlineKind, departureDeadlineVersion, departureDueAt, at);
  }

  /** The same person at the row version the database holds after a save. */
  public StaffMember withVersion(long newVersion) {
    return new StaffMember(
        id, missionId, officeCode, fullName, category, principalId, nationality, email, phone, preferredLanguage,
        status, departureDeadlineId, departureDeadlineKind, departureDeadlineVersion, departureDueAt, departedAt, newVersion);
  }

  public StaffMember withContact(String newFullName, String newEmail, String newPhone, String newLanguage) {
    return new StaffMember(
        id, missionId, officeCode, newFullName, category, principalId, nationality, newEmail, newPhone, newLanguage,
        status, departureDeadlineId, departureDeadlineKind, departureDeadlineVersion, departureDueAt, departedAt, version);
  }

  private StaffMember with(
      StaffStatus newStatus, UUID deadlineId, DeadlineKind deadlineKind, Integer deadlineVersion, Instant dueAt, Instant at) {
    return new StaffMember(
        id, missionId, officeCode, fullName, category, principalId, nationality, email, phone, preferredLanguage,
        newStatus, deadlineId, deadlineKind, deadlineVersion, dueAt, at, version);
  }
}
