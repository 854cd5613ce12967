package org.interestsoffice.personnel.departures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.personnel.staff.StaffCategory;
import org.interestsoffice.personnel.staff.StaffMember;
import org.interestsoffice.personnel.staff.StaffStatus;
import org.junit.jupiter.api.Test;

/** Who a reduction, a rupture, a persona non grata and a late registration send home, in a mission in Venezuela. */
class WhoLeavesTest {

  static final String VENEZUELA = "VE";
  static final Instant DUE = Instant.parse("1961-01-04T23:59:00Z");

  final StaffMember ambassador = person(StaffCategory.DIPLOMATIC_AGENT, "US", null);
  final StaffMember spouse = person(StaffCategory.FAMILY_MEMBER, "US", ambassador.id());
  final StaffMember venezuelanSon = person(StaffCategory.FAMILY_MEMBER, VENEZUELA, ambassador.id());
  final StaffMember attache = person(StaffCategory.ADMINISTRATIVE_TECHNICAL, "US", null);
  final StaffMember driver = person(StaffCategory.LOCAL_HIRE, VENEZUELA, null);
  final StaffMember driversDaughter = person(StaffCategory.FAMILY_MEMBER, VENEZUELA, driver.id());
  final StaffMember venezuelanCounsellor = person(StaffCategory.DIPLOMATIC_AGENT, VENEZUELA, null);

  @Test
  void aReductionOrdersOutTheAccreditedWithPrivilegesAndTheirFamiliesButNotLocalStaff() {
    List<StaffMember> staff = List.of(ambassador, spouse, venezuelanSon, attache, driver, driversDaughter, venezuelanCounsellor);

    assertThat(WhoLeaves.onReduction(staff, VENEZUELA)).containsExactlyInAnyOrder(ambassador, spouse, venezuelanSon, attache);
  }

  @Test
  void aReductionLeavesAloneThoseAlreadyUnderAnOrderOrGone() {
    StaffMember expelled = on(attache, DeadlineKind.PERSONAL);
    StaffMember gone = ambassador.departed(Instant.parse("1961-01-03T10:00:00Z"));

    assertThat(WhoLeaves.onReduction(List.of(expelled, gone, spouse), VENEZUELA))
        .as("the spouse's principal has gone, and was not ordered out here").isEmpty();
  }

  @Test
  void aRuptureThatSupersedesAReductionAlsoTakesTheDesignatedAndThoseOnTheReductionsOrder() {
    StaffMember remaining = ambassador.remaining();
    StaffMember onReduction = on(attache, DeadlineKind.REDUCTION);
    StaffMember onReductionOverdue = on(person(StaffCategory.SERVICE_STAFF, "US", null), DeadlineKind.REDUCTION).overdue();
    StaffMember expelled = on(person(StaffCategory.DIPLOMATIC_AGENT, "US", null), DeadlineKind.PERSONAL);
    List<StaffMember> staff = List.of(remaining, spouse, onReduction, onReductionOverdue, expelled, driver);

    assertThat(WhoLeaves.onRupture(staff, VENEZUELA, true))
        .as("the designated ambassador's spouse leaves with them; a personal order stands; the driver stays")
        .containsExactlyInAnyOrder(remaining, spouse, onReduction, onReductionOverdue);
  }

  @Test
  void aRuptureWithoutAReductionLeavesTheDesignatedAndTheirFamiliesWhereTheyAre() {
    StaffMember remaining = ambassador.remaining();

    assertThat(WhoLeaves.onRupture(List.of(remaining, spouse, attache), VENEZUELA, false)).containsExactly(attache);
  }

  @Test
  void aPersonaNonGrataTakesThePersonAndTheirFamilyWhateverOrderTheyWereUnder() {
    StaffMember ambassadorOnRupture = on(ambassador, DeadlineKind.DEPARTURE);
    StaffMember spouseGone = spouse.departed(Instant.parse("1961-01-03T10:00:00Z"));

    assertThat(WhoLeaves.onPersonaNonGrata(List.of(ambassadorOnRupture, spouseGone, venezuelanSon, attache), ambassador.id()))
        .as("not the spouse who has left, not the attaché")
        .containsExactlyInAnyOrder(ambassadorOnRupture, venezuelanSon);
    assertThat(WhoLeaves.onPersonaNonGrata(List.of(on(ambassador, DeadlineKind.PERSONAL)), ambassador.id()))
        .as("an earlier declaration's deadline stands").isEmpty();
  }

  @Test
  void aNewcomerWithPrivilegesFallsUnderTheOrderRunningInTheMission() {
    assertThat(WhoLeaves.onRegistration(attache, Optional.empty(), VENEZUELA, true)).isInstanceOf(WhoLeaves.Newcomer.FallsUnderMissionOrder.class);
    assertThat(WhoLeaves.onRegistration(attache, Optional.empty(), VENEZUELA, false)).isInstanceOf(WhoLeaves.Newcomer.Stays.class);
    assertThat(WhoLeaves.onRegistration(driver, Optional.empty(), VENEZUELA, true)).isInstanceOf(WhoLeaves.Newcomer.Stays.class);
    assertThat(WhoLeaves.onRegistration(venezuelanCounsellor, Optional.empty(), VENEZUELA, true)).isInstanceOf(WhoLeaves.Newcomer.Stays.class);
  }

  @Test
  void aNewFamilyMemberFollowsTheirPrincipalsOrderOfWhateverKind() {
    StaffMember expelled = on(ambassador, DeadlineKind.PERSONAL);

    WhoLeaves.Newcomer decision = WhoLeaves.onRegistration(spouse, Optional.of(expelled), VENEZUELA, false);

    assertThat(decision).isEqualTo(new WhoLeaves.Newcomer.FollowsPrincipal(expelled.departureDeadlineId()));
    assertThat(WhoLeaves.onRegistration(spouse, Optional.of(ambassador.remaining()), VENEZUELA, true))
        .as("the family of remaining staff stays with them").isInstanceOf(WhoLeaves.Newcomer.Stays.class);
    assertThat(WhoLeaves.onRegistration(driversDaughter, Optional.of(driver), VENEZUELA, true))
        .as("a local hire's family holds no privileges to lose").isInstanceOf(WhoLeaves.Newcomer.Stays.class);
  }

  private static StaffMember on(StaffMember member, DeadlineKind kind) {
    return member.orderedOut(UUID.randomUUID(), kind, 1, DUE);
  }

  private static StaffMember person(StaffCategory category, String nationality, UUID principal) {
    return StaffMember.accredited(
        UUID.randomUUID(), UUID.randomUUID(), "CCS", category + " " + nationality, category, principal, nationality,
        "someone@state.example", "+584121234567", "en");
  }
}
