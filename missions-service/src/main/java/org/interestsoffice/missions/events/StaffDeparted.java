package org.interestsoffice.missions.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Missions' copy of personnel's event: the person has left the receiving state. */
@IntegrationEvent(type = "StaffDeparted")
public record StaffDeparted(UUID staffId, UUID missionId, String officeCode) {}
