package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Personnel's copy of the missions event: only what it reads.
 *
 * @param status {@code OPERATING}, or {@code INTERESTS_SECTION} for a section registered under a
 *     protecting power; absent from older events (read as operating)
 * @param staffCeiling for a section registered as such: how many staff with privileges it may have (else null)
 * @param exerciseStartsAt for an exercise, where its case clock starts (else null)
 */
@IntegrationEvent(type = "MissionRegistered")
public record MissionRegistered(
    UUID missionId,
    String officeCode,
    String name,
    String receivingState,
    String timeZone,
    String status,
    Integer staffCeiling,
    Instant exerciseStartsAt) {

  public boolean interestsSection() {
    return "INTERESTS_SECTION".equals(status);
  }
}
