import { describe, expect, it } from 'vitest';
import { clockOf, isExercise, later, missionNow, nowInput, timeLeft } from './caseClock';
import { formatCountdown } from './time';
import { dateTime, laterThan } from './validation';

// The 2019 case replayed: the rupture note reached the US embassy in Caracas at 16:00 local time on
// 23 January 2019 (20:00 UTC), with 72 hours to leave.
const DUE = '2019-01-26T20:00:00Z';
const WALL = Date.parse('2026-12-06T09:30:00Z');
const exercise = { timeZone: 'America/Caracas', exercise: { startsAt: '2019-01-23T19:00:00Z', caseNow: '2019-01-23T20:30:00Z' } };
const real = { timeZone: 'America/Caracas', exercise: null };

describe('time left, on the mission’s clock', () => {
  it('counts an exercise’s deadline against its case clock, whatever the browser’s clock says', () => {
    const left = timeLeft(DUE, exercise, WALL);
    expect(left).toEqual({ overdue: false, days: 2, hours: 23, minutes: 30, seconds: 0 });
    expect(formatCountdown(left, 'd')).toBe('2 d 23:30:00');
    expect(timeLeft(DUE, exercise, WALL + 3_600_000)).toEqual(left);
  });

  it('moves only when the case clock is advanced, and marks the overrun past the due instant', () => {
    expect(formatCountdown(timeLeft(DUE, { exercise: { ...exercise.exercise, caseNow: later(exercise.exercise.caseNow, 24 * 3_600_000) } }, WALL), 'd'))
      .toBe('1 d 23:30:00');
    const late = timeLeft(DUE, { exercise: { ...exercise.exercise, caseNow: '2019-01-26T21:15:00Z' } }, WALL);
    expect(late.overdue).toBe(true);
    expect(formatCountdown(late, 'd')).toBe('01:15:00');
  });

  it('counts a real mission’s deadline against the browser’s clock', () => {
    expect(timeLeft(DUE, real, Date.parse('2019-01-25T20:00:00Z'))).toEqual({ overdue: false, days: 1, hours: 0, minutes: 0, seconds: 0 });
    expect(timeLeft(DUE, real, WALL).overdue).toBe(true);
    expect(timeLeft(DUE, {}, Date.parse('2019-01-26T19:59:59Z'))).toEqual({ overdue: false, days: 0, hours: 0, minutes: 0, seconds: 1 });
  });
});

describe('the mission’s now in forms', () => {
  it('defaults a time to the case clock of an exercise, in the mission’s zone', () => {
    expect(nowInput(exercise, WALL)).toBe('2019-01-23T16:30');
    expect(nowInput(real, Date.parse('2026-12-06T09:30:00Z'))).toBe('2026-12-06T05:30');
    expect(isExercise(exercise)).toBe(true);
    expect(isExercise(real)).toBe(false);
    expect(missionNow(real, WALL)).toBe(WALL);
  });

  it('checks “not later than now” against the case clock of an exercise', () => {
    const notLater = dateTime('America/Caracas', 'past', clockOf(exercise));
    expect(notLater('2019-01-23T16:00')).toBeNull();
    expect(notLater('2019-01-23T17:00')).toEqual({ key: 'validation.notInFuture' });
  });

  it('lets the case clock move forward only', () => {
    const forward = laterThan('America/Caracas', exercise.exercise.caseNow);
    expect(forward('2019-01-24T16:30')).toBeNull();
    expect(forward('2019-01-23T16:30')).toEqual({ key: 'validation.afterCaseNow', params: { caseNow: '2019-01-23 16:30 Caracas' } });
    expect(forward('soon')).toEqual({ key: 'validation.dateTime' });
    expect(later('2019-01-23T20:30:00Z', 3_600_000)).toBe('2019-01-23T21:30:00Z');
  });
});
