package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.junit.jupiter.api.Test;

/** Who a rupture sends home (VCDR art. 44), for a mission whose receiving state is Venezuela. */
class StaffMemberTest {

  static final String VENEZUELA = "VE";

  @Test
  void thoseWithPrivilegesLeave() {
    assertThat(a(StaffCategory.DIPLOMATIC_AGENT, "US").leavesOnRupture(VENEZUELA, false)).isTrue();
    assertThat(a(StaffCategory.ADMINISTRATIVE_TECHNICAL, "US").leavesOnRupture(VENEZUELA, false)).isTrue();
    assertThat(a(StaffCategory.SERVICE_STAFF, "US").leavesOnRupture(VENEZUELA, false)).isTrue();
  }

  @Test
  void nationalsOfTheReceivingStateAndLocalHiresStay() {
    assertThat(a(StaffCategory.DIPLOMATIC_AGENT, VENEZUELA).leavesOnRupture(VENEZUELA, false)).isFalse();
    assertThat(a(StaffCategory.LOCAL_HIRE, VENEZUELA).leavesOnRupture(VENEZUELA, false)).isFalse();
    assertThat(a(StaffCategory.LOCAL_HIRE, "CO").leavesOnRupture(VENEZUELA, false)).isFalse();
  }

  @Test
  void familyMembersFollowTheirPrincipalWhateverTheirNationality() {
    assertThat(a(StaffCategory.FAMILY_MEMBER, "US").leavesOnRupture(VENEZUELA, true)).isTrue();
    assertThat(a(StaffCategory.FAMILY_MEMBER, VENEZUELA).leavesOnRupture(VENEZUELA, true)).isTrue();
    assertThat(a(StaffCategory.FAMILY_MEMBER, "US").leavesOnRupture(VENEZUELA, false)).isFalse();
  }

  @Test
  void onlyThoseWithPrivilegesOfTheirOwnMayRemain() {
    assertThat(a(StaffCategory.DIPLOMATIC_AGENT, "US").mayRemain(VENEZUELA)).isTrue();
    assertThat(a(StaffCategory.ADMINISTRATIVE_TECHNICAL, "US").mayRemain(VENEZUELA)).isTrue();
    assertThat(a(StaffCategory.DIPLOMATIC_AGENT, VENEZUELA).mayRemain(VENEZUELA)).isFalse();
    assertThat(a(StaffCategory.LOCAL_HIRE, "CO").mayRemain(VENEZUELA)).isFalse();
    assertThat(a(StaffCategory.FAMILY_MEMBER, "US").mayRemain(VENEZUELA)).isFalse();
  }

  @Test
  void aDepartureKeepsTheDeadlineThePersonLeftUnder() {
    Instant due = Instant.parse("2019-01-26T20:00:00Z");
    UUID deadline = UUID.randomUUID();
    StaffMember ordered = a(StaffCategory.DIPLOMATIC_AGENT, "US").orderedOut(deadline, DeadlineKind.DEPARTURE, 2, due);

    StaffMember departed = ordered.departed(Instant.parse("2019-01-25T10:00:00Z"));

    assertThat(departed.status()).isEqualTo(StaffStatus.DEPARTED);
    assertThat(departed.hasDeparted()).isTrue();
    assertThat(departed.departureDeadlineId()).isEqualTo(deadline);
    assertThat(departed.departureDeadlineVersion()).isEqualTo(2);
    assertThat(departed.departedAt()).isEqualTo(Instant.parse("2019-01-25T10:00:00Z"));
    assertThat(ordered.remaining().departureDeadlineId()).as("remaining staff are not ordered out").isNull();
  }

  @Test
  void anOrderOfAnotherKindIsReplacedAndOneOfTheSameKindFollowed() {
    UUID reductionDeadline = UUID.randomUUID();
    StaffMember onReduction =
        a(StaffCategory.DIPLOMATIC_AGENT, "US").orderedOut(reductionDeadline, DeadlineKind.REDUCTION, 3, Instant.parse("1961-01-04T23:59:00Z"));

    assertThat(onReduction.orderReplacedBy(DeadlineKind.DEPARTURE))
        .contains(new StaffMember.Order(DeadlineKind.REDUCTION, reductionDeadline, 3));
    assertThat(onReduction.overdue().orderReplacedBy(DeadlineKind.PERSONAL)).as("an overdue person is still under it").isPresent();
    assertThat(onReduction.orderReplacedBy(DeadlineKind.REDUCTION)).isEmpty();
    assertThat(a(StaffCategory.DIPLOMATIC_AGENT, "US").orderReplacedBy(DeadlineKind.DEPARTURE)).as("under no order").isEmpty();
    assertThat(onReduction.remaining().orderReplacedBy(DeadlineKind.DEPARTURE)).as("remaining staff are under no order").isEmpty();
  }

  @Test
  void aCeilingCountsThoseWithPrivilegesOfTheirOwn() {
    assertThat(a(StaffCategory.SERVICE_STAFF, "US").hasPrivilegesOfTheirOwn(VENEZUELA)).isTrue();
    assertThat(a(StaffCategory.FAMILY_MEMBER, "US").hasPrivilegesOfTheirOwn(VENEZUELA)).isFalse();
    assertThat(a(StaffCategory.LOCAL_HIRE, "US").hasPrivilegesOfTheirOwn(VENEZUELA)).isFalse();
    assertThat(a(StaffCategory.DIPLOMATIC_AGENT, VENEZUELA).hasPrivilegesOfTheirOwn(VENEZUELA)).isFalse();
  }

  private static StaffMember a(StaffCategory category, String nationality) {
    return StaffMember.accredited(
        UUID.randomUUID(), UUID.randomUUID(), "CCS", "Someone", category, null, nationality, "someone@state.example",
        "+584121234567", "es");
  }
}
