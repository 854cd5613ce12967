package org.interestsoffice.notifications.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** Notifications' copy of the personnel event: the person has left, so their alerts stop. */
@IntegrationEvent(type = "StaffDeparted")
public record StaffDeparted(UUID staffId, UUID missionId, String officeCode, Instant departedAt) {}
