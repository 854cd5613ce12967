package org.interestsoffice.missions.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Missions' copy of personnel's event: the person is no longer designated remaining staff. */
@IntegrationEvent(type = "RemainingStaffWithdrawn")
public record RemainingStaffWithdrawn(UUID staffId, UUID missionId, String officeCode) {}
