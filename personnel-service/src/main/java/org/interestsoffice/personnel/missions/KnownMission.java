package org.interestsoffice.personnel.missions;

import java.util.UUID;

/** What personnel knows of a mission, from the missions service's events. */
public record KnownMission(UUID id, String officeCode, String name, String receivingState, String timeZone) {}
