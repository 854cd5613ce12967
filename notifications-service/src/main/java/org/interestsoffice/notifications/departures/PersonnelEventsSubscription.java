package org.interestsoffice.notifications.departures;

import org.interestsoffice.notifications.events.DepartureOrdered;
import org.interestsoffice.notifications.events.RemainingStaffDesignated;
import org.interestsoffice.notifications.events.StaffContactChanged;
import org.interestsoffice.notifications.events.StaffDeparted;
import org.interestsoffice.notifications.events.StaffRegistered;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue notifications owns for personnel's events, declared next to its consumer. */
@Configuration
class PersonnelEventsSubscription {

  @Bean
  EventSubscription personnelEvents(EventSubscriptions subscriptions, FollowingDepartureOrders following) {
    return subscriptions
        .queue("notifications.personnel-events")
        .from("personnel.events")
        .on(StaffRegistered.class, following::onStaffRegistered)
        .on(StaffContactChanged.class, following::onStaffContactChanged)
        .on(DepartureOrdered.class, following::onDepartureOrdered)
        .on(RemainingStaffDesignated.class, following::onRemainingStaffDesignated)
        .on(StaffDeparted.class, following::onStaffDeparted)
        .build();
  }
}
