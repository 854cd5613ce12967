package org.interestsoffice.missions.staff;

import org.interestsoffice.missions.events.RemainingStaffDesignated;
import org.interestsoffice.missions.events.RemainingStaffWithdrawn;
import org.interestsoffice.missions.events.StaffContactChanged;
import org.interestsoffice.missions.events.StaffDeparted;
import org.interestsoffice.missions.events.StaffRegistered;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue missions owns for personnel's events, declared next to its consumer. */
@Configuration
class PersonnelEventsSubscription {

  @Bean
  EventSubscription personnelEvents(EventSubscriptions subscriptions, KnownStaff staff) {
    return subscriptions
        .queue("missions.personnel-events")
        .from("personnel.events")
        .on(StaffRegistered.class, staff::onStaffRegistered)
        .on(StaffContactChanged.class, staff::onStaffContactChanged)
        .on(RemainingStaffDesignated.class, staff::onRemainingStaffDesignated)
        .on(RemainingStaffWithdrawn.class, staff::onRemainingStaffWithdrawn)
        .on(StaffDeparted.class, staff::onStaffDeparted)
        .build();
  }
}
