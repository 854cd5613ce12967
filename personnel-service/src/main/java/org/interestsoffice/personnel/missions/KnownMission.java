package org.interestsoffice.personnel.missions;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What personnel knows of a mission, from the missions service's events.
 *
 * @param remainingStaffCeiling how many may stay behind, once agreed (else null)
 * @param departureLineageId the deadline lineage its staff are ordered out on: the rupture's, then
 *     the final departure's after cessation (else null)
 * @param reductionLineageId the {@code REDUCTION} deadline lineage its staff beyond the ceiling are
 *     ordered out on, until a rupture supersedes it (else null)
 * @param interestsSection whether it works as an interests section now (registered as one, or
 *     established after a negotiation, until relations are restored)
 * @param staffCeiling for a section registered as such: how many staff with privileges of their own
 *     it may have (else null)
 * @param caseNow for an exercise, where its case clock stands (null for a real mission)
 */
public record KnownMission(
    UUID id,
    String officeCode,
    String name,
    String receivingState,
    String timeZone,
    Integer remainingStaffCeiling,
    UUID negotiationDeadlineId,
    Instant negotiationDueAt,
    UUID departureLineageId,
    Instant ceasedAt,
    UUID reductionLineageId,
    boolean interestsSection,
    Integer staffCeiling,
    Instant caseNow) {

  /** Whether the mission is an exercise, on a case clock of its own. */
  public boolean exercise() {
    return caseNow != null;
  }

  /** The mission's "now": its case clock for an exercise, the wall clock's instant otherwise. */
  public Instant now(Instant wallClock) {
    return caseNow != null ? caseNow : wallClock;
  }

  public Optional<Integer> ceiling() {
    return Optional.ofNullable(remainingStaffCeiling);
  }

  public boolean hasCeased() {
    return ceasedAt != null;
  }

  public Optional<Integer> staffCeilingOfSection() {
    return Optional.ofNullable(staffCeiling);
  }

  /**
   * The deadline lineage whoever joins the mission now is ordered out on, if any: the rupture's (or
   * after cessation the final departure's) unless the mission works as an interests section, else
   * the reduction's.
   */
  public Optional<UUID> runningOrderLineage() {
    if (departureLineageId != null && !interestsSection) {
      return Optional.of(departureLineageId);
    }
    return Optional.ofNullable(reductionLineageId);
  }
}
