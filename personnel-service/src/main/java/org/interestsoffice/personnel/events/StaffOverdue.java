package org.interestsoffice.personnel.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/** The deadline the person was ordered out on has expired and they have not left. */
@IntegrationEvent(type = "StaffOverdue")
public record StaffOverdue(UUID staffId, UUID missionId, String officeCode, UUID deadlineId, Instant dueAt) {}
