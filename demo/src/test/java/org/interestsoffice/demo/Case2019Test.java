package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The demo roster is what the design's validation accepts, and the same every time. */
class Case2019Test {

  private static final Set<String> CATEGORIES =
      Set.of("DIPLOMATIC_AGENT", "ADMINISTRATIVE_TECHNICAL", "SERVICE_STAFF", "LOCAL_HIRE", "FAMILY_MEMBER");

  private final List<Case2019.Person> staff = Case2019.staff();

  @Test
  void aFewDozenStaffOfEveryCategoryOnEachSide() {
    for (String office : List.of("CCS", "WAS")) {
      List<Case2019.Person> ofOffice =
          staff.stream().filter(p -> Case2019.mission(p.missionKey()).officeCode().equals(office)).toList();
      assertThat(ofOffice).hasSizeBetween(24, 80);
      assertThat(ofOffice.stream().map(Case2019.Person::category).collect(Collectors.toSet())).isEqualTo(CATEGORIES);
    }
    assertThat(Case2019.MISSIONS.stream().filter(m -> m.officeCode().equals("WAS") && m.kind().equals("CONSULATE"))).hasSize(4);
    assertThat(staff.stream().map(Case2019.Person::missionKey).distinct()).hasSize(Case2019.MISSIONS.size());
  }

  @Test
  void namesAddressesAndNumbersAreUniqueAndValid() {
    assertThat(staff.stream().map(Case2019.Person::fullName).distinct()).hasSameSizeAs(staff);
    assertThat(staff.stream().map(Case2019.Person::email).distinct()).hasSameSizeAs(staff);
    assertThat(staff.stream().map(Case2019.Person::phone).distinct()).hasSameSizeAs(staff);
    assertThat(staff).allSatisfy(p -> {
      assertThat(p.phone()).matches("\\+[1-9][0-9]{6,14}");
      assertThat(p.email()).matches("[a-z.]+@(state\\.example\\.org|mppre\\.example\\.org|mail\\.example\\.com)");
      assertThat(p.language()).isIn("es", "en");
      assertThat(p.nationality()).matches("[A-Z]{2}");
    });
    assertThat(staff.stream().map(Case2019.Person::language).collect(Collectors.toSet())).containsExactlyInAnyOrder("es", "en");
  }

  @Test
  void familyMembersFollowADiplomatOfTheirOwnMissionRegisteredBeforeThem() {
    Map<String, Case2019.Person> byKey = staff.stream().collect(Collectors.toMap(Case2019.Person::key, Function.identity()));
    List<Case2019.Person> family = staff.stream().filter(p -> p.category().equals("FAMILY_MEMBER")).toList();
    assertThat(family).isNotEmpty().allSatisfy(member -> {
      Case2019.Person principal = byKey.get(member.principalKey());
      assertThat(principal.category()).isEqualTo("DIPLOMATIC_AGENT");
      assertThat(principal.missionKey()).isEqualTo(member.missionKey());
      assertThat(staff.indexOf(principal)).isLessThan(staff.indexOf(member));
    });
    assertThat(staff.stream().filter(p -> !p.category().equals("FAMILY_MEMBER")).map(Case2019.Person::principalKey)).containsOnlyNulls();
  }

  @Test
  void localHiresAreNotNationalsOfTheSendingState() {
    assertThat(staff.stream().filter(p -> p.category().equals("LOCAL_HIRE")))
        .allSatisfy(p -> assertThat(p.nationality()).isNotEqualTo(Case2019.mission(p.missionKey()).sendingState()));
  }

  @Test
  void theRosterIsTheSameEveryTime() {
    assertThat(Case2019.staff()).isEqualTo(staff);
  }

  @Test
  void enoughDiplomatsAtEachEmbassyForTheCeilingAndOneMore() {
    Case2019.MISSIONS.stream().filter(Case2019.Mission::isEmbassy).forEach(embassy ->
        assertThat(Case2019.staffOf(embassy.key()).stream().filter(p -> p.category().equals("DIPLOMATIC_AGENT")))
            .hasSizeGreaterThan(Histories.CEILING_2019));
  }
}
