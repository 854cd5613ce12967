package org.interestsoffice.missions.mission;

public enum MissionStatus {
  OPERATING,
  RELATIONS_SEVERED,
  NEGOTIATING,
  INTERESTS_SECTION,
  CEASED,
  CLOSED
}
