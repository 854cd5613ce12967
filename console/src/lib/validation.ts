// Checks a form makes before it sends anything: the same rules the services apply, so that most
// mistakes are caught where they were typed. The services check everything again.

import { durationOf, instantToZonedInput, zoneCity, zonedInputToInstant } from './time';

/** A message key of the dictionary with its parameters, or null when the value is fine. */
export type Invalid = { key: string; params?: Record<string, string | number> } | null;

const invalid = (key: string, params?: Record<string, string | number>): Invalid => ({ key, params });

export function required(value: string): Invalid {
  return value.trim() ? null : invalid('validation.required');
}

export function maxLength(max: number) {
  return (value: string): Invalid => (value.length > max ? invalid('validation.tooLong', { max }) : null);
}

export function countryCode(value: string): Invalid {
  return !value || /^[A-Z]{2}$/.test(value) ? null : invalid('validation.countryCode');
}

export function officeCode(value: string): Invalid {
  return !value || /^[A-Z]{3}$/.test(value) ? null : invalid('validation.officeCode');
}

export function email(value: string): Invalid {
  return !value || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : invalid('validation.email');
}

export function phone(value: string): Invalid {
  return !value || /^\+[1-9][0-9]{6,14}$/.test(value) ? null : invalid('validation.phone');
}

export function wholeNumber(min: number, max: number) {
  return (value: string): Invalid => {
    if (!value) {
      return null;
    }
    const n = Number(value);
    return /^\d+$/.test(value) && n >= min && n <= max ? null : invalid('validation.wholeNumber', { min, max });
  };
}

export function duration(value: string): Invalid {
  return !value || durationOf(value) ? null : invalid('validation.duration');
}

export function timeZone(value: string): Invalid {
  if (!value) {
    return null;
  }
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return null;
  } catch {
    return invalid('validation.timeZone');
  }
}

/** A wall-clock time in the zone; {@code past} refuses a time later than now (a note not yet received). */
export function dateTime(zone: string, rule: 'any' | 'past' | 'future' = 'any', now: () => number = Date.now) {
  return (value: string): Invalid => {
    if (!value) {
      return null;
    }
    const instant = zonedInputToInstant(value, zone);
    if (!instant) {
      return invalid('validation.dateTime');
    }
    if (rule === 'past' && Date.parse(instant) > now()) {
      return invalid('validation.notInFuture');
    }
    if (rule === 'future' && Date.parse(instant) <= now()) {
      return invalid('validation.inFuture');
    }
    return null;
  };
}

/**
 * When a step of the mission took effect: not later than now and, as the missions service
 * requires, not before the mission's previous step (so that its history reads in order).
 */
export function effectiveTime(zone: string, previous: string | null | undefined, now: () => number = Date.now) {
  const notLater = dateTime(zone, 'past', now);
  return (value: string): Invalid => {
    const wrong = notLater(value);
    if (wrong || !value || !previous) {
      return wrong;
    }
    return Date.parse(zonedInputToInstant(value, zone)!) < Date.parse(previous) ? invalid('validation.beforePrevious', { previous: localTime(previous, zone) }) : null;
  };
}

/** An instant as the zone's wall-clock time, for a message: "2019-01-23 16:00 Caracas". */
function localTime(instant: string, zone: string): string {
  return `${instantToZonedInput(instant, zone).replace('T', ' ')} ${zoneCity(zone)}`;
}

/** A wall-clock time in the zone strictly later than the instant (a case clock moves forward only). */
export function laterThan(zone: string, instant: string) {
  const valid = dateTime(zone);
  return (value: string): Invalid => {
    const wrong = valid(value);
    if (wrong || !value) {
      return wrong;
    }
    return Date.parse(zonedInputToInstant(value, zone)!) <= Date.parse(instant) ? invalid('validation.afterCaseNow', { caseNow: localTime(instant, zone) }) : null;
  };
}

/** A protecting power is a third state: neither the sending nor the receiving state. */
export function thirdState(mission: { sendingState: string; receivingState: string }) {
  return (value: string): Invalid =>
    value && (value === mission.sendingState || value === mission.receivingState) ? invalid('problem.invalidProtectingPower') : null;
}
