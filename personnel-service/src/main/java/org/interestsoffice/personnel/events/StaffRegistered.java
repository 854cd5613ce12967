package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * A staff member joined the register; carries the contact details notifications keeps a copy of.
 * {@code contactVersion} numbers the person's contact details: each later change carries a higher
 * one, so a consumer keeps the highest it has seen, whatever the order of arrival.
 */
@IntegrationEvent(type = "StaffRegistered")
public record StaffRegistered(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String fullName,
    String category,
    String email,
    String phone,
    String preferredLanguage,
    long contactVersion) {}
