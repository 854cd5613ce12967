package org.interestsoffice.personnel.staff;

import static org.assertj.core.api.Assertions.assertThat;

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

  private static StaffMember a(StaffCategory category, String nationality) {
    return new StaffMember(
        UUID.randomUUID(), UUID.randomUUID(), "CCS", "Someone", category, null, nationality, "someone@state.example",
        "+584121234567", "es", StaffStatus.ACCREDITED, null, null, 0);
  }
}
