import { describe, expect, it } from 'vitest';
import { missionRequest, registrationZone } from './registration';

const embassy = {
  officeCode: 'WAS', kind: 'EMBASSY', name: ' Embassy of Venezuela in Washington (exercise 2019) ', sendingState: 'VE', receivingState: 'US',
  city: 'Washington', timeZone: 'America/New_York',
};

describe('registering a mission from the dashboard', () => {
  it('sends a real mission without an exercise, whatever start was typed before the box was unticked', () => {
    expect(missionRequest({ ...embassy, exercise: 'false', exerciseStartsAt: '2019-01-23T07:00' })).toEqual({
      officeCode: 'WAS', kind: 'EMBASSY', name: 'Embassy of Venezuela in Washington (exercise 2019)', sendingState: 'VE', receivingState: 'US',
      city: 'Washington', timeZone: 'America/New_York',
    });
  });

  it('sends an exercise whose case clock starts at the time typed in the mission’s zone, as a UTC instant', () => {
    // 07:00 in New York on 23 January 2019 (EST, UTC-5) is 12:00 UTC, where the demo's 2019 replay starts.
    expect(missionRequest({ ...embassy, exercise: 'true', exerciseStartsAt: '2019-01-23T07:00' }).exercise).toEqual({ startsAt: '2019-01-23T12:00:00Z' });
    // Caracas, UTC-4.
    expect(missionRequest({ ...embassy, timeZone: 'America/Caracas', exercise: 'true', exerciseStartsAt: '2019-01-23T08:00' }).exercise)
      .toEqual({ startsAt: '2019-01-23T12:00:00Z' });
  });

  it('reads the start in UTC while no valid zone has been typed', () => {
    expect(registrationZone({ timeZone: '' })).toBe('UTC');
    expect(registrationZone({ timeZone: 'America/Nowhere' })).toBe('UTC');
    expect(registrationZone({ timeZone: ' America/New_York ' })).toBe('America/New_York');
  });

  it('sends an interests section with its protecting state and ceiling, as an exercise too', () => {
    const section = missionRequest({ ...embassy, kind: 'INTERESTS_SECTION', protectingState: 'CH', staffCeiling: '10', exercise: 'true', exerciseStartsAt: '1977-09-01T09:00' });
    expect(section).toMatchObject({ kind: 'INTERESTS_SECTION', protectingState: 'CH', staffCeiling: 10, exercise: { startsAt: '1977-09-01T13:00:00Z' } });
  });
});
