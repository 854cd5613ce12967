package org.interestsoffice.missions.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Missions' copy of personnel's event: only the name, which missions shows on personal deadlines. */
@IntegrationEvent(type = "StaffContactChanged")
public record StaffContactChanged(UUID staffId, UUID missionId, String officeCode, String fullName) {}
