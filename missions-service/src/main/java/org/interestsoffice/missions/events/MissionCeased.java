package org.interestsoffice.missions.events;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * The mission ceased its activities; the remaining staff must leave by the {@code FINAL_DEPARTURE}
 * deadline it names.
 *
 * @param reason {@code NEGOTIATION_EXPIRED} or {@code DECLARED}
 * @param noteReference the note declaring the cessation; null when the negotiation ran out
 * @param from the status the mission ceased from: {@code NEGOTIATING} or {@code RELATIONS_SEVERED}
 * @param finalDepartureWindow the remaining staff's time to leave, from {@code effectiveAt}
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
    Instant dueAt,
    String from,
    Duration finalDepartureWindow) {}
