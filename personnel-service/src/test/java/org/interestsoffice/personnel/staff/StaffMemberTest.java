package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

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
    StaffMember ordered = a(StaffCategory.DIPLOMATIC_AGENT, "US").orderedOut(deadline, "DEPARTURE", 2, due);

    StaffMember departed = ordered.departed(Instant.parse("2019-01-25T10:00:00Z"));

    assertThat(departed.status()).isEqualTo(StaffStatus.DEPARTED);
    assertThat(departed.hasDeparted()).isTrue();
    assertThat(departed.departureDeadlineId()).isEqualTo(deadline);
    assertThat(departed.departureDeadlineVersion()).isEqualTo(2);
    assertThat(departed.departedAt()).isEqualTo(Instant.parse("2019-01-25T10:00:00Z"));
    assertThat(ordered.remaining().departureDeadlineId()).as("remaining staff are not ordered out").isNull();
  }

  private static StaffMember a(StaffCategory category, String nationality) {
    return StaffMember.accredited(
        UUID.randomUUID(), UUID.randomUUID(), "CCS", "Someone", category, null, nationality, "someone@state.example",
        "+584121234567", "es");
  }
}
