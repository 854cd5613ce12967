package org.interestsoffice.missions.events;

import java.time.Instant;
import java.util.UUID;

import org.interestsoffice.platform.events.IntegrationEvent;

/**
 * @param status {@code OPERATING}, or {@code INTERESTS_SECTION} for a section registered under its protecting power
 * @param protectingState for such a section, the state it works under (else null)
 * @param staffCeiling for such a section, how many staff the host allows (else null)
 * @param exerciseStartsAt for an exercise, where its case clock starts (else null): every time rule
 *     of the mission follows the case clock, moved by {@code CaseClockAdvanced}
 */
@IntegrationEvent(type = "MissionRegistered")
public record MissionRegistered(
    UUID missionId,
    String officeCode,
    String kind,
    String name,
    String sendingState,
    String receivingState,
    String city,
    String timeZone,
    String status,
    String protectingState,
    Integer staffCeiling,
    Instant exerciseStartsAt) {}
