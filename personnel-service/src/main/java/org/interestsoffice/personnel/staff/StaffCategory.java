package org.interestsoffice.personnel.staff;

public enum StaffCategory {
  DIPLOMATIC_AGENT,
  ADMINISTRATIVE_TECHNICAL,
  SERVICE_STAFF,
  LOCAL_HIRE,
  FAMILY_MEMBER
}
