package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * The mission ceased its activities; the remaining staff must leave by the {@code FINAL_DEPARTURE}
 * deadline it names.
 *
 * @param reason {@code NEGOTIATION_EXPIRED} or {@code DECLARED}
 * @param noteReference the note declaring the cessation; null when the negotiation ran out
 */
@IntegrationEvent(type = "MissionCeased")
public record MissionCeased(
    UUID missionId,
    String officeCode,
    String reason,
    String noteReference,
    Instant effectiveAt,
    UUID deadlineId,
    int deadlineVersion,
    Instant dueAt) {}
