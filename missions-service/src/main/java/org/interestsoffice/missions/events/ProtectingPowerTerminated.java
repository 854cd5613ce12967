package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * The protecting power's mandate ended: relations restored, the mandate withdrawn, or replaced.
 *
 * @param noteReference the note ending it
 * @param successorMandateId the mandate replacing it, or null
 */
@IntegrationEvent(type = "ProtectingPowerTerminated")
public record ProtectingPowerTerminated(
    UUID missionId, String officeCode, UUID mandateId, String protectingState, String noteReference, Instant effectiveAt,
    UUID successorMandateId) {}
