package org.interestsoffice.notifications.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Notifications' copy of the personnel event: every contact field, changed or not, and the version
 * of the details (null in events published before personnel numbered them).
 */
@IntegrationEvent(type = "StaffContactChanged")
public record StaffContactChanged(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String fullName,
    String email,
    String phone,
    String preferredLanguage,
    Long contactVersion) {}
