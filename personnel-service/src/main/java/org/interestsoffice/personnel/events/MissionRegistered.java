package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Personnel's copy of the missions event: only what it reads. */
@IntegrationEvent(type = "MissionRegistered")
public record MissionRegistered(UUID missionId, String officeCode, String name, String receivingState, String timeZone) {}
