package org.interestsoffice.personnel.departures;

import org.interestsoffice.personnel.events.CaseClockAdvanced;
import org.interestsoffice.personnel.events.DeadlineChanged;
import org.interestsoffice.personnel.events.DeadlineExpired;
import org.interestsoffice.personnel.events.InterestsSectionEstablished;
import org.interestsoffice.personnel.events.MissionCeased;
import org.interestsoffice.personnel.events.MissionRegistered;
import org.interestsoffice.personnel.events.NegotiationOpened;
import org.interestsoffice.personnel.events.PersonaNonGrataDeclared;
import org.interestsoffice.personnel.events.RelationsRestored;
import org.interestsoffice.personnel.events.RelationsSevered;
import org.interestsoffice.personnel.events.StaffCeilingImposed;
import org.interestsoffice.personnel.missions.KnownMissions;
import org.interestsoffice.platform.inbox.EventSubscription;
import org.interestsoffice.platform.inbox.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The queue personnel owns for the missions service's events, declared next to its consumer. */
@Configuration
class MissionEventsSubscription {

  @Bean
  EventSubscription missionEvents(
      EventSubscriptions subscriptions, KnownMissions missions, OrderingDepartures departures, FollowingDeadlines deadlines) {
    return subscriptions
        .queue("personnel.mission-events")
        .from("missions.events")
        .on(MissionRegistered.class, missions::onMissionRegistered)
        .on(RelationsSevered.class, departures::onRelationsSevered)
        .on(NegotiationOpened.class, departures::onNegotiationOpened)
        .on(InterestsSectionEstablished.class, missions::onInterestsSectionEstablished)
        .on(MissionCeased.class, departures::onMissionCeased)
        .on(DeadlineChanged.class, deadlines::onDeadlineChanged)
        .on(DeadlineExpired.class, deadlines::onDeadlineExpired)
        .on(StaffCeilingImposed.class, departures::onStaffCeilingImposed)
        .on(PersonaNonGrataDeclared.class, departures::onPersonaNonGrataDeclared)
        .on(RelationsRestored.class, missions::onRelationsRestored)
        .on(CaseClockAdvanced.class, missions::onCaseClockAdvanced)
        .build();
  }
}
