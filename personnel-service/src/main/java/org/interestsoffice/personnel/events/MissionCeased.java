package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the missions event: only what it reads. The deadline is the FINAL_DEPARTURE one. */
@IntegrationEvent(type = "MissionCeased")
public record MissionCeased(
    UUID missionId, String officeCode, String reason, Instant effectiveAt, UUID deadlineId, int deadlineVersion, Instant dueAt) {}
