package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** A staff member's contact details or language changed; carries all of them, for notifications' copy. */
@IntegrationEvent(type = "StaffContactChanged")
public record StaffContactChanged(
    UUID staffId, UUID missionId, String officeCode, String fullName, String email, String phone, String preferredLanguage) {}
