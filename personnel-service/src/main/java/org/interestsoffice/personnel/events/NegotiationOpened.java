package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the missions event: only what it reads. */
@IntegrationEvent(type = "NegotiationOpened")
public record NegotiationOpened(
    UUID missionId, String officeCode, UUID deadlineId, int deadlineVersion, Instant dueAt, int remainingStaffCeiling) {}
