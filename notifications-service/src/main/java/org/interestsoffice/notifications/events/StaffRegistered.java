package org.interestsoffice.notifications.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Notifications' copy of the personnel event: the contact details it keeps. {@code contactVersion}
 * is null in events published before personnel numbered contact details.
 */
@IntegrationEvent(type = "StaffRegistered")
public record StaffRegistered(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String fullName,
    String email,
    String phone,
    String preferredLanguage,
    Long contactVersion) {}
