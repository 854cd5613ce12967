package org.interestsoffice.personnel.groups;

/** How a departure group leaves the receiving state. */
public enum Transport {
  FLIGHT,
  CHARTER_FLIGHT,
  CONVOY,
  ROAD,
  SEA
}
