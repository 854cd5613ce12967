package org.interestsoffice.missions.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Missions' copy of personnel's event: the person stays as remaining staff. */
@IntegrationEvent(type = "RemainingStaffDesignated")
public record RemainingStaffDesignated(UUID staffId, UUID missionId, String officeCode) {}
