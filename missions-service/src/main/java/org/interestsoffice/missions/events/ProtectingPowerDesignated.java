package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** A third state takes charge of the protected state's interests (VCDR art. 45). */
@IntegrationEvent(type = "ProtectingPowerDesignated")
public record ProtectingPowerDesignated(
    UUID missionId,
    String officeCode,
    String protectedState,
    String protectingState,
    String receivingState,
    String scope,
    Instant hostConsentAt,
    Instant entryIntoForce) {}
