package org.interestsoffice.personnel.staff;

public enum StaffStatus {
  ACCREDITED,
  REMAINING,
  DEPARTURE_ORDERED,
  DEPARTED,
  OVERDUE
}
