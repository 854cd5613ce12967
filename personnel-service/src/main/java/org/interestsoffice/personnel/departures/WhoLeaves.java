package org.interestsoffice.personnel.departures;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.staff.StaffCategory;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffStatus;

/**
 * Who an order sends home, decided on the mission's staff as they are: the rules of VCDR art. 9,
 * 11 and 44 as personnel applies them, with no database and no broker, so they can be read and
 * tested on their own. Those with privileges of their own leave; family members follow their
 * principal; local hires and nationals of the receiving state stay. A {@code PERSONAL} order is
 * never overtaken by a mission-wide one, and nobody who has left is ordered out again.
 */
public final class WhoLeaves {

  private WhoLeaves() {}

  /**
   * A rupture: everyone with privileges who is accredited, with their families. When it supersedes
   * a reduction, also those designated to remain under it and those ordered out on it.
   */
  public static List<StaffMember> onRupture(List<StaffMember> staff, String receivingState, boolean supersedesReduction) {
    return leaving(
        staff,
        receivingState,
        member ->
            member.status() == StaffStatus.ACCREDITED
                || (supersedesReduction
                    && (member.status() == StaffStatus.REMAINING || member.isUnderOrderOf(DeadlineKind.REDUCTION))));
  }

  /** A reduction: everyone with privileges who is accredited, with their families; the office head then designates who stays. */
  public static List<StaffMember> onReduction(List<StaffMember> staff, String receivingState) {
    return leaving(staff, receivingState, member -> member.status() == StaffStatus.ACCREDITED);
  }

  /**
   * A persona non grata: the person and their family members, whatever order they were under, unless
   * gone or already under a personal order (the earlier declaration's deadline stands).
   */
  public static List<StaffMember> onPersonaNonGrata(List<StaffMember> staff, UUID declared) {
    return staff.stream()
        .filter(member -> member.id().equals(declared) || member.isFamilyOf(declared))
        .filter(member -> !member.hasDeparted() && !member.isUnderOrderOf(DeadlineKind.PERSONAL))
        .toList();
  }

  /** What happens to a person at the moment they are registered. */
  public sealed interface Newcomer {
    /** Nothing runs that concerns them. */
    record Stays() implements Newcomer {}

    /** The order running in the mission (rupture, final departure or reduction) applies to them. */
    record FallsUnderMissionOrder() implements Newcomer {}

    /** A family member whose principal is ordered out: they leave on the principal's deadline. */
    record FollowsPrincipal(UUID deadlineId) implements Newcomer {}
  }

  /**
   * A person registered while an order runs falls under it at once: nobody escapes a departure order
   * by being entered late.
   *
   * @param principal a family member's principal, as they are now (else empty)
   * @param missionOrderRuns whether an order runs for the mission's staff (rupture, final departure, reduction)
   */
  public static Newcomer onRegistration(
      StaffMember newcomer, Optional<StaffMember> principal, String receivingState, boolean missionOrderRuns) {
    if (newcomer.category() != StaffCategory.FAMILY_MEMBER) {
      return missionOrderRuns && newcomer.hasPrivilegesOfTheirOwn(receivingState)
          ? new Newcomer.FallsUnderMissionOrder()
          : new Newcomer.Stays();
    }
    return principal
        .<Newcomer>map(
            p -> {
              if (p.isUnderOrder()) {
                return new Newcomer.FollowsPrincipal(p.departureDeadlineId());
              }
              // Their principal has already left: the family member is still one of those with privileges to leave.
              boolean principalGone = p.hasDeparted() && p.hasPrivilegesOfTheirOwn(receivingState);
              return principalGone && missionOrderRuns ? new Newcomer.FallsUnderMissionOrder() : new Newcomer.Stays();
            })
        .orElseGet(Newcomer.Stays::new);
  }

  /**
   * Those of the staff in a status the order reaches: members with privileges of their own, then
   * family members whose principal leaves now or is already ordered out.
   */
  private static List<StaffMember> leaving(
      List<StaffMember> staff, String receivingState, Predicate<StaffMember> reached) {
    Map<UUID, StaffMember> byId = staff.stream().collect(Collectors.toMap(StaffMember::id, Function.identity()));
    List<StaffMember> leaving = new ArrayList<>();
    for (StaffMember member : staff) {
      if (member.category() != StaffCategory.FAMILY_MEMBER && reached.test(member) && member.hasPrivilegesOfTheirOwn(receivingState)) {
        leaving.add(member);
      }
    }
    Set<UUID> principalsLeaving = leaving.stream().map(StaffMember::id).collect(Collectors.toSet());
    for (StaffMember member : staff) {
      if (member.category() == StaffCategory.FAMILY_MEMBER && reached.test(member)) {
        boolean principalLeaves =
            member.principal()
                .map(byId::get)
                .filter(p -> principalsLeaving.contains(p.id()) || (p.isUnderOrder() && p.hasPrivilegesOfTheirOwn(receivingState)))
                .isPresent();
        if (principalLeaves) {
          leaving.add(member);
        }
      }
    }
    return leaving;
  }
}
