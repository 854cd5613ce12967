package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the missions event: only what it reads. */
@IntegrationEvent(type = "InterestsSectionEstablished")
public record InterestsSectionEstablished(UUID missionId, String officeCode, int staffCeiling) {}
