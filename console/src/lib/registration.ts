import type { Values } from './drafts';
import { zonedInputToInstant } from './time';
import { timeZone } from './validation';

// Registering a mission from the dashboard: an embassy, a consulate, an interests section under
// its protecting power, and any of them as an exercise whose case clock starts at a chosen instant
// (history replayed, such as the 2019 case from 23 January 2019, or a drill).

export const isInterestsSection = (values: Values) => values.kind === 'INTERESTS_SECTION';
export const isExercise = (values: Values) => values.exercise === 'true';

/** The zone the mission's times are typed in: the one typed for the mission once it is a valid zone, UTC until then. */
export function registrationZone(values: Values): string {
  const typed = (values.timeZone ?? '').trim();
  return typed && timeZone(typed) === null ? typed : 'UTC';
}

/** The body of {@code POST /api/missions} for what was typed (times as UTC instants). */
export function missionRequest(values: Values): Record<string, unknown> {
  return {
    officeCode: values.officeCode, kind: values.kind, name: values.name.trim(), sendingState: values.sendingState, receivingState: values.receivingState,
    city: values.city.trim(), timeZone: values.timeZone.trim(),
    ...(isInterestsSection(values) ? { protectingState: values.protectingState, staffCeiling: Number(values.staffCeiling) } : {}),
    ...(isExercise(values) ? { exercise: { startsAt: zonedInputToInstant(values.exerciseStartsAt, registrationZone(values)) } } : {}),
  };
}
