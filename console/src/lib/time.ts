// Instants are UTC in the API; people read them in the mission's local time and in UTC. Inputs
// are typed as wall-clock time in the mission's time zone and sent as UTC instants.

export type Language = 'en' | 'es';

const locales: Record<Language, string> = { en: 'en-GB', es: 'es-ES' };

export function formatInZone(iso: string, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(iso));
}

export function formatUtc(iso: string, language: Language): string {
  return formatInZone(iso, 'UTC', language) + ' UTC';
}

/** The zone's name as people say it: America/Caracas → Caracas. */
export function zoneCity(timeZone: string): string {
  const last = timeZone.split('/').pop() ?? timeZone;
  return last.replace(/_/g, ' ');
}

export interface Countdown {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function countdown(dueAt: string, now: number): Countdown {
  const left = Date.parse(dueAt) - now;
  const overdue = left < 0;
  let rest = Math.floor(Math.abs(left) / 1000);
  const days = Math.floor(rest / 86400);
  rest -= days * 86400;
  const hours = Math.floor(rest / 3600);
  rest -= hours * 3600;
  const minutes = Math.floor(rest / 60);
  return { overdue, days, hours, minutes, seconds: rest - minutes * 60 };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "2 d 03:04:05", or "03:04:05" under a day. */
export function formatCountdown(c: Countdown, dayUnit: string): string {
  const clock = `${two(c.hours)}:${two(c.minutes)}:${two(c.seconds)}`;
  return c.days > 0 ? `${c.days} ${dayUnit} ${clock}` : clock;
}

/** The UTC offset of the zone at the instant, in milliseconds (Caracas: −4 h). */
export function zoneOffset(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(field('year'), field('month') - 1, field('day'), field('hour'), field('minute'), field('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * A wall-clock time typed in the zone (an input of type datetime-local) as a UTC instant, or null
 * when it is not a time. Times that a clock change skips or repeats take the offset before it.
 */
export function zonedInputToInstant(value: string, timeZone: string): string | null {
  const match = LOCAL_INPUT.exec(value.trim());
  if (!match) {
    return null;
  }
  const [, y, mo, d, h, mi, s] = match;
  const wall = Date.UTC(+y, +mo - 1, +d, +h, +mi, s ? +s : 0);
  if (Number.isNaN(wall)) {
    return null;
  }
  let instant = wall - zoneOffset(wall, timeZone);
  instant = wall - zoneOffset(instant, timeZone);
  return new Date(instant).toISOString().replace('.000Z', 'Z');
}

/** A UTC instant as the zone's wall-clock time, for a datetime-local input. */
export function instantToZonedInput(iso: string | number, timeZone: string): string {
  const instant = typeof iso === 'number' ? iso : Date.parse(iso);
  const wall = new Date(Math.floor(instant / 60000) * 60000 + zoneOffset(instant, timeZone));
  return wall.toISOString().substring(0, 16);
}

/** "72H" or "30D" (the duration fields' value) as an ISO 8601 duration. */
export function durationOf(value: string): string | null {
  const match = /^(\d{1,5})([HD])$/.exec(value);
  if (!match || Number(match[1]) <= 0) {
    return null;
  }
  return match[2] === 'H' ? `PT${match[1]}H` : `P${match[1]}D`;
}

/** An ISO 8601 duration as the API sends it (PT72H, PT720H, P30D) in whole days or hours. */
export function durationParts(iso: string): { amount: number; unit: 'D' | 'H' } | null {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(iso);
  if (!match) {
    return null;
  }
  const hours = Number(match[1] ?? 0) * 24 + Number(match[2] ?? 0) + Number(match[3] ?? 0) / 60 + Number(match[4] ?? 0) / 3600;
  return hours % 24 === 0 && hours > 0 ? { amount: hours / 24, unit: 'D' } : { amount: Math.round(hours * 100) / 100, unit: 'H' };
}
