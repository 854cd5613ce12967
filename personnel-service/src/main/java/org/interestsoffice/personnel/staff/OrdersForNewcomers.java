package org.interestsoffice.personnel.staff;

import org.interestsoffice.personnel.missions.KnownMission;

/**
 * Puts a person just registered under the order that runs in their mission, if any, in the
 * registering transaction. Implemented where departure orders are given; the caller holds the
 * mission's lock, as every handler that orders people out does.
 */
public interface OrdersForNewcomers {

  /** @return the person as they stand now: ordered out, or as registered */
  StaffMember applyTo(StaffMember newcomer, KnownMission lockedMission);
}
