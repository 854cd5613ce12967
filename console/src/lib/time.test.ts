import { describe, expect, it } from 'vitest';
import { countdown, durationOf, durationParts, formatCountdown, formatInZone, formatUtc, instantToZonedInput, zonedInputToInstant, zoneOffset } from './time';

describe('times in the mission’s zone and in UTC', () => {
  it('reads a wall-clock time typed in Caracas as the UTC instant (UTC−4, no daylight saving)', () => {
    expect(zonedInputToInstant('2019-01-23T16:00', 'America/Caracas')).toBe('2019-01-23T20:00:00Z');
  });

  it('follows New York’s daylight saving time', () => {
    expect(zonedInputToInstant('2019-01-23T15:00', 'America/New_York')).toBe('2019-01-23T20:00:00Z');
    expect(zonedInputToInstant('2019-03-11T15:00', 'America/New_York')).toBe('2019-03-11T19:00:00Z');
  });

  it('shows an instant back as the zone’s wall-clock time', () => {
    expect(instantToZonedInput('2019-01-23T20:00:00Z', 'America/Caracas')).toBe('2019-01-23T16:00');
    expect(instantToZonedInput('2019-03-11T19:00:00Z', 'America/New_York')).toBe('2019-03-11T15:00');
  });

  it('refuses what is not a date and time', () => {
    expect(zonedInputToInstant('yesterday', 'UTC')).toBeNull();
    expect(zonedInputToInstant('', 'UTC')).toBeNull();
  });

  it('knows each zone’s offset', () => {
    expect(zoneOffset(Date.parse('2019-01-23T20:00:00Z'), 'America/Caracas')).toBe(-4 * 3600_000);
    expect(zoneOffset(Date.parse('2019-07-01T12:00:00Z'), 'America/New_York')).toBe(-4 * 3600_000);
    expect(zoneOffset(Date.parse('2019-01-01T12:00:00Z'), 'America/New_York')).toBe(-5 * 3600_000);
  });

  it('formats in the local zone and in UTC', () => {
    expect(formatInZone('2019-01-23T20:00:00Z', 'America/Caracas', 'en')).toContain('16:00');
    expect(formatUtc('2019-01-23T20:00:00Z', 'es')).toMatch(/20:00 UTC$/);
  });
});

describe('countdown to a deadline', () => {
  const due = '2019-01-26T20:00:00Z';

  it('counts days, hours, minutes and seconds left', () => {
    const left = countdown(due, Date.parse('2019-01-23T20:00:01Z'));
    expect(left).toEqual({ overdue: false, days: 2, hours: 23, minutes: 59, seconds: 59 });
    expect(formatCountdown(left, 'd')).toBe('2 d 23:59:59');
  });

  it('counts the overrun once the deadline has passed', () => {
    const late = countdown(due, Date.parse('2019-01-26T21:30:05Z'));
    expect(late.overdue).toBe(true);
    expect(formatCountdown(late, 'd')).toBe('01:30:05');
  });
});

describe('durations', () => {
  it('turns the form’s amount and unit into ISO 8601', () => {
    expect(durationOf('72H')).toBe('PT72H');
    expect(durationOf('30D')).toBe('P30D');
    expect(durationOf('0H')).toBeNull();
    expect(durationOf('H')).toBeNull();
  });

  it('reads the API’s durations in days where they are whole days', () => {
    expect(durationParts('PT720H')).toEqual({ amount: 30, unit: 'D' });
    expect(durationParts('PT72H')).toEqual({ amount: 3, unit: 'D' });
    expect(durationParts('PT6H')).toEqual({ amount: 6, unit: 'H' });
    expect(durationParts('P30D')).toEqual({ amount: 30, unit: 'D' });
    expect(durationParts('nonsense')).toBeNull();
  });
});
