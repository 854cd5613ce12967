package org.interestsoffice.missions.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

@IntegrationEvent(type = "MissionRegistered")
public record MissionRegistered(
    UUID missionId,
    String officeCode,
    String kind,
    String name,
    String sendingState,
    String receivingState,
    String city,
    String timeZone) {}
