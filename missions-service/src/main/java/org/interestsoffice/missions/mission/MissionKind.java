package org.interestsoffice.missions.mission;

public enum MissionKind {
  EMBASSY,
  CONSULATE,
  INTERESTS_SECTION
}
