package org.interestsoffice.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

class AlertTallyTest {

  private final AlertTally tally = new AlertTally();

  @Test
  void oneMessagePerSlotAndNothingForTheOthersIsRight() {
    tally.received("a@x.org", "order");
    tally.received("a@x.org", "reminder 1h");
    tally.received("b@x.org", "reminder 1h");
    tally.received("b@x.org", "order");

    assertThat(tally.complete(Set.of("a@x.org", "b@x.org"), 2)).isTrue();
    assertThat(tally.findings(Set.of("a@x.org", "b@x.org"), 2, Set.of("local@x.org"), 10)).isEmpty();
    assertThat(tally.total(Set.of("a@x.org", "b@x.org"))).isEqualTo(4);
  }

  @Test
  void aDuplicateIsFoundEvenWhenTheCountOfSlotsIsRight() {
    tally.received("a@x.org", "order");
    tally.received("a@x.org", "order");
    tally.received("a@x.org", "reminder 1h");

    assertThat(tally.findings(Set.of("a@x.org"), 2, Set.of(), 10)).singleElement().asString().contains("a@x.org");
  }

  @Test
  void aMissingSlotAndAMessageToSomeoneNotOrderedOutAreFound() {
    tally.received("a@x.org", "order");
    tally.received("local@x.org", "order");

    assertThat(tally.complete(Set.of("a@x.org"), 2)).isFalse();
    assertThat(tally.findings(Set.of("a@x.org"), 2, Set.of("local@x.org"), 10)).hasSize(2);
  }

  @Test
  void findingsAreCappedWithACountOfTheRest() {
    for (int i = 0; i < 5; i++) {
      tally.received("p" + i + "@x.org", "order");
    }
    Set<String> everyone = Set.of("p0@x.org", "p1@x.org", "p2@x.org", "p3@x.org", "p4@x.org");

    assertThat(tally.findings(everyone, 2, Set.of(), 2)).hasSize(3).last().asString().isEqualTo("... and 3 more");
  }
}
