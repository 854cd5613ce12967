package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * The mission is closed: all staff gone and the premises in custody of the protecting power, or a
 * consular post closed on its own.
 */
@IntegrationEvent(type = "MissionClosed")
public record MissionClosed(UUID missionId, String officeCode, String kind, String noteReference, Instant closedAt) {}
