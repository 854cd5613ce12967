package org.interestsoffice.notifications.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Notifications' copy of the personnel event: the person stays, so their departure alerts stop. */
@IntegrationEvent(type = "RemainingStaffDesignated")
public record RemainingStaffDesignated(UUID staffId, UUID missionId, String officeCode) {}
