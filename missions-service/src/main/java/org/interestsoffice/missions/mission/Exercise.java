package org.interestsoffice.missions.mission;

import java.time.Instant;

/**
 * A mission that is a drill, or history replayed: its case clock starts at {@code startsAt} and
 * moves only when the crisis cell advances it. Every time rule of the mission follows it.
 *
 * @param caseNow where the case clock stands
 */
public record Exercise(Instant startsAt, Instant caseNow) {}
