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
    Instant ceasedAt) {

  public Optional<Integer> ceiling() {
    return Optional.ofNullable(remainingStaffCeiling);
  }

  public boolean hasCeased() {
    return ceasedAt != null;
  }
}
