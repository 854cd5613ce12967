package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Relations are restored: the interests section is an embassy again ({@code OPERATING}), no longer
 * capped nor under a protecting power.
 *
 * @param mandateId the protecting power's mandate this ended, or null
 */
@IntegrationEvent(type = "RelationsRestored")
public record RelationsRestored(UUID missionId, String officeCode, String noteReference, Instant effectiveAt, UUID mandateId) {}
