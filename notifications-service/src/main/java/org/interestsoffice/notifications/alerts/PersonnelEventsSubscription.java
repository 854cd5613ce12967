package org.interestsoffice.notifications.alerts;

import org.interestsoffice.notifications.contacts.Contacts;
import org.interestsoffice.notifications.events.DepartureOrdered;
import org.interestsoffice.notifications.events.StaffRegistered;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue notifications owns for personnel's events, declared next to its consumer. */
@Configuration
class PersonnelEventsSubscription {

  @Bean
  EventSubscription personnelEvents(EventSubscriptions subscriptions, Contacts contacts, RaisingDepartureAlerts alerts) {
    return subscriptions
        .queue("notifications.personnel-events")
        .from("personnel.events")
        .on(StaffRegistered.class, contacts::onStaffRegistered)
        .on(DepartureOrdered.class, alerts::onDepartureOrdered)
        .build();
  }
}
