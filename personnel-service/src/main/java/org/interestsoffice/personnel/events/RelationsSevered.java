package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.interestsoffice.personnel.missions.DeadlineKind;
import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Personnel's copy of the missions event: only what it reads.
 *
 * @param supersededDeadlineIds the mission's open {@code REDUCTION} deadlines this rupture ends;
 *     empty (or absent, from older events) when none
 */
@IntegrationEvent(type = "RelationsSevered")
public record RelationsSevered(
    UUID missionId,
    String officeCode,
    UUID deadlineId,
    DeadlineKind deadlineKind,
    int deadlineVersion,
    Instant dueAt,
    List<UUID> supersededDeadlineIds) {

  public RelationsSevered {
    supersededDeadlineIds = supersededDeadlineIds == null ? List.of() : List.copyOf(supersededDeadlineIds);
  }
}
