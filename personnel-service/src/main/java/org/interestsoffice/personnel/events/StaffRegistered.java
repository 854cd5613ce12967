package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * A staff member joined the register; carries the contact details notifications keeps a copy of, and
 * who belongs to which mission (with the principal of a family member) for missions' register.
 * {@code contactVersion} numbers the person's contact details: each later change carries a higher
 * one, so a consumer keeps the highest it has seen, whatever the order of arrival.
 *
 * @param principalId for a family member, the staff member they belong to; else null
 */
@IntegrationEvent(type = "StaffRegistered")
public record StaffRegistered(
    UUID staffId,
    UUID missionId,
    String officeCode,
    String fullName,
    String category,
    UUID principalId,
    String email,
    String phone,
    String preferredLanguage,
    long contactVersion) {}
