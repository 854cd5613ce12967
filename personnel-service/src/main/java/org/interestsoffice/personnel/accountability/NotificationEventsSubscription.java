package org.interestsoffice.personnel.accountability;

import org.interestsoffice.personnel.events.AlertAcknowledged;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue personnel owns for the notifications service's events, declared next to its consumer. */
@Configuration
class NotificationEventsSubscription {

  @Bean
  EventSubscription notificationEvents(EventSubscriptions subscriptions, Acknowledgements acknowledgements) {
    return subscriptions
        .queue("personnel.notification-events")
        .from("notifications.events")
        .on(AlertAcknowledged.class, acknowledgements::onAlertAcknowledged)
        .build();
  }
}
