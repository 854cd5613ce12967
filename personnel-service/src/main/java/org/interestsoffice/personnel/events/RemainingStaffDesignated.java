package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** The person stays as remaining staff: they are no longer ordered out. */
@IntegrationEvent(type = "RemainingStaffDesignated")
public record RemainingStaffDesignated(UUID staffId, UUID missionId, String officeCode) {}
