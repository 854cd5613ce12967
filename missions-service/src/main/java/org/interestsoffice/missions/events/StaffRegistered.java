package org.interestsoffice.missions.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * Missions' copy of personnel's event: only who belongs to which mission (no contact data).
 *
 * @param principalId for family members: the staff member they belong to (else null)
 */
@IntegrationEvent(type = "StaffRegistered")
public record StaffRegistered(UUID staffId, UUID missionId, String officeCode, String fullName, UUID principalId) {}
