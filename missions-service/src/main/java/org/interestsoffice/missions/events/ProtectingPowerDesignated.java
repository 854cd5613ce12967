package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * A third state takes charge of the protected state's interests (VCDR art. 45).
 *
 * @param status {@code PENDING_CONSENT} or {@code IN_FORCE}
 * @param hostConsentAt null while pending consent
 * @param entryIntoForce null while pending consent
 * @param predecessorMandateId the mandate this one succeeds, or null
 */
@IntegrationEvent(type = "ProtectingPowerDesignated")
public record ProtectingPowerDesignated(
    UUID missionId,
    String officeCode,
    String protectedState,
    String protectingState,
    String receivingState,
    String scope,
    Instant hostConsentAt,
    Instant entryIntoForce,
    UUID mandateId,
    String status,
    UUID predecessorMandateId,
    boolean custodyOfPremises,
    boolean custodyOfArchives) {}
