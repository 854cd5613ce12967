package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Personnel's copy of the missions event: only what it reads. The deadline is the FINAL_DEPARTURE one.
 *
 * @param from the status the mission ceased from: {@code NEGOTIATING} or {@code RELATIONS_SEVERED}
 *     (absent from older events); personnel does the same from either
 */
@IntegrationEvent(type = "MissionCeased")
public record MissionCeased(
    UUID missionId,
    String officeCode,
    String reason,
    String from,
    Instant effectiveAt,
    UUID deadlineId,
    int deadlineVersion,
    Instant dueAt) {}
