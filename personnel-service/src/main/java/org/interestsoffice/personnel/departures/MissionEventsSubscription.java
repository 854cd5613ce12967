package org.interestsoffice.personnel.departures;

import java.util.UUID;
import java.util.function.Function;

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
import org.interestsoffice.platform.inbox.EventHandler;
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
        .on(RelationsSevered.class, onItsClock(missions, RelationsSevered::missionId, departures::onRelationsSevered))
        .on(NegotiationOpened.class, onItsClock(missions, NegotiationOpened::missionId, departures::onNegotiationOpened))
        .on(InterestsSectionEstablished.class, onItsClock(missions, InterestsSectionEstablished::missionId, missions::onInterestsSectionEstablished))
        .on(MissionCeased.class, onItsClock(missions, MissionCeased::missionId, departures::onMissionCeased))
        .on(DeadlineChanged.class, onItsClock(missions, DeadlineChanged::missionId, deadlines::onDeadlineChanged))
        .on(DeadlineExpired.class, onItsClock(missions, DeadlineExpired::missionId, deadlines::onDeadlineExpired))
        .on(StaffCeilingImposed.class, onItsClock(missions, StaffCeilingImposed::missionId, departures::onStaffCeilingImposed))
        .on(PersonaNonGrataDeclared.class, onItsClock(missions, PersonaNonGrataDeclared::missionId, departures::onPersonaNonGrataDeclared))
        .on(RelationsRestored.class, onItsClock(missions, RelationsRestored::missionId, missions::onRelationsRestored))
        .on(CaseClockAdvanced.class, missions::onCaseClockAdvanced)
        .build();
  }

  /**
   * An exercise's events occur on its case clock, which has therefore reached their instant: the
   * replica moves there before the handler runs, so what the handler stamps (an order given on a
   * cessation that fell due in a jump) carries that instant, whether or not {@code
   * CaseClockAdvanced}, published after them, has arrived yet. A real mission's clock is untouched.
   */
  private static <T> EventHandler<T> onItsClock(KnownMissions missions, Function<T, UUID> missionOf, EventHandler<T> handler) {
    return (event, envelope) -> {
      missions.caseClockReached(missionOf.apply(event), envelope.occurredAt());
      handler.handle(event, envelope);
    };
  }
}
