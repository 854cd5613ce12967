package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** The governments agreed to negotiate; a remaining staff of at most the ceiling may stay meanwhile. */
@IntegrationEvent(type = "NegotiationOpened")
public record NegotiationOpened(
    UUID missionId,
    String officeCode,
    String noteReference,
    Instant agreedAt,
    UUID deadlineId,
    int deadlineVersion,
    Instant dueAt,
    int remainingStaffCeiling) {}
