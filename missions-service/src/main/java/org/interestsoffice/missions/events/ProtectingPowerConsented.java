package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** The host state consented to the protecting power: the mandate is in force from that instant. */
@IntegrationEvent(type = "ProtectingPowerConsented")
public record ProtectingPowerConsented(UUID missionId, String officeCode, UUID mandateId, String protectingState, Instant hostConsentAt) {}
