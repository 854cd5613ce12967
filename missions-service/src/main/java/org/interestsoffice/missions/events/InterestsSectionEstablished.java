package org.interestsoffice.missions.events;

import java.util.List;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Agreement: the mission goes on as an interests section under a protecting power. */
@IntegrationEvent(type = "InterestsSectionEstablished")
public record InterestsSectionEstablished(
    UUID missionId,
    String officeCode,
    String noteReference,
    String protectingState,
    int staffCeiling,
    List<String> services) {}
