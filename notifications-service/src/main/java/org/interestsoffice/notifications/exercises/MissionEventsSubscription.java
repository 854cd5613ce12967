package org.interestsoffice.notifications.exercises;

import org.interestsoffice.notifications.events.CaseClockAdvanced;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The queue notifications owns for missions' events: only the exercises' case clocks, which its
 * reminders and escalations fall due on. Everything else about a mission reaches notifications
 * through personnel's orders.
 */
@Configuration
class MissionEventsSubscription {

  private static final Logger log = LoggerFactory.getLogger(MissionEventsSubscription.class);

  @Bean
  EventSubscription missionEvents(EventSubscriptions subscriptions, CaseClocks caseClocks) {
    return subscriptions
        .queue("notifications.mission-events")
        .from("missions.events")
        .on(
            CaseClockAdvanced.class,
            (advanced, envelope) -> {
              caseClocks.reached(advanced.missionId(), advanced.caseNow());
              log.atInfo()
                  .addKeyValue("missionId", advanced.missionId())
                  .addKeyValue("caseNow", advanced.caseNow())
                  .log("Exercise case clock advanced: its reminders and escalations fall due on it");
            })
        .build();
  }
}
