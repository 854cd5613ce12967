package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the missions event: an interests section is an embassy again. Only what personnel reads. */
@IntegrationEvent(type = "RelationsRestored")
public record RelationsRestored(UUID missionId, String officeCode, String noteReference, Instant effectiveAt) {}
