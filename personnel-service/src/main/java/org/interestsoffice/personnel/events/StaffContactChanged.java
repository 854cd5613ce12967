package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * A staff member's contact details or language changed; carries all of them, for notifications'
 * copy, with a {@code contactVersion} higher than that of every earlier registration or change of
 * the person (a consumer ignores one older than what it holds).
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
    long contactVersion) {}
