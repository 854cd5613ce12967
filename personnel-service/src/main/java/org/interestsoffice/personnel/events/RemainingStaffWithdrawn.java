package org.interestsoffice.personnel.events;

import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** The person is no longer remaining staff (a DepartureOrdered follows if the mission's staff are ordered out). */
@IntegrationEvent(type = "RemainingStaffWithdrawn")
public record RemainingStaffWithdrawn(UUID staffId, UUID missionId, String officeCode) {}
