// An exercise runs on its own case clock (DESIGN §2, "Exercises"): it starts at a chosen instant
// and moves only when the crisis cell advances it. Every "now" the console uses for a mission (the
// time left to a deadline, overdue marks, a form's default time, "not in the future" checks) is
// that mission's now, read here: the case clock of an exercise, the browser's clock otherwise.

import { countdown, instantToZonedInput, type Countdown } from './time';
import type { Mission } from './types';

type Clocked = Pick<Mission, 'exercise'>;

export function isExercise(mission: Clocked | null | undefined): boolean {
  return !!mission?.exercise;
}

/** Where the mission's clock stands, in epoch milliseconds. */
export function missionNow(mission: Clocked, wallNow: number = Date.now()): number {
  return mission.exercise ? Date.parse(mission.exercise.caseNow) : wallNow;
}

/**
 * The time left to a due instant on the mission's clock, or the overrun once it has passed: the
 * one place where the console computes a countdown. For an exercise it stands still between
 * advances of the case clock, whatever the browser's clock says.
 */
export function timeLeft(dueAt: string, mission: Clocked, wallNow: number = Date.now()): Countdown {
  return countdown(dueAt, missionNow(mission, wallNow));
}

/** The mission's now for a form's checks ("not later than now"). */
export function clockOf(mission: Clocked): () => number {
  return () => missionNow(mission);
}

/** A form's default time: the mission's now, as wall-clock time in its zone. */
export function nowInput(mission: Clocked & Pick<Mission, 'timeZone'>, wallNow: number = Date.now()): string {
  return instantToZonedInput(missionNow(mission, wallNow), mission.timeZone);
}

/** The steps the console offers to advance a case clock by, with their message keys. */
export const CASE_CLOCK_STEPS = [
  { key: 'exercise.step1h', ms: 3_600_000 },
  { key: 'exercise.step6h', ms: 6 * 3_600_000 },
  { key: 'exercise.step1d', ms: 24 * 3_600_000 },
  { key: 'exercise.step3d', ms: 72 * 3_600_000 },
] as const;

/** The instant a step later than the case clock, as the API takes it. */
export function later(instant: string, ms: number): string {
  return new Date(Date.parse(instant) + ms).toISOString().replace('.000Z', 'Z');
}
