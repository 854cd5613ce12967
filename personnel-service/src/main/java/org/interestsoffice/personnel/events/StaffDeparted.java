package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * The person has left the receiving state.
 *
 * @param departureGroupId null for an individual departure
 */
@IntegrationEvent(type = "StaffDeparted")
public record StaffDeparted(UUID staffId, UUID missionId, String officeCode, Instant departedAt, UUID departureGroupId) {}
