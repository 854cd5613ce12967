import { describe, expect, it } from 'vitest';
import { countryCode, dateTime, duration, effectiveTime, email, officeCode, phone, required, thirdState, timeZone, wholeNumber } from './validation';

describe('checks before sending', () => {
  it('requires a value', () => {
    expect(required('  ')).toEqual({ key: 'validation.required' });
    expect(required('MPPRE-2019-0001')).toBeNull();
  });

  it('applies the services’ formats', () => {
    expect(countryCode('ve')).not.toBeNull();
    expect(countryCode('VE')).toBeNull();
    expect(officeCode('CCS')).toBeNull();
    expect(officeCode('CC')).not.toBeNull();
    expect(phone('+584121234567')).toBeNull();
    expect(phone('0412 123 4567')).not.toBeNull();
    expect(email('ana@example.org')).toBeNull();
    expect(email('ana@')).not.toBeNull();
    expect(duration('72H')).toBeNull();
    expect(duration('0D')).not.toBeNull();
    expect(timeZone('America/Caracas')).toBeNull();
    expect(timeZone('Mars/Olympus')).not.toBeNull();
  });

  it('bounds whole numbers', () => {
    expect(wholeNumber(0, 1000)('7')).toBeNull();
    expect(wholeNumber(0, 1000)('7.5')).toEqual({ key: 'validation.wholeNumber', params: { min: 0, max: 1000 } });
    expect(wholeNumber(0, 1000)('1001')).not.toBeNull();
  });

  it('refuses a note received in the future, in the mission’s zone', () => {
    const now = () => Date.parse('2019-01-23T20:00:00Z');
    const past = dateTime('America/Caracas', 'past', now);
    expect(past('2019-01-23T15:59')).toBeNull();
    expect(past('2019-01-23T16:01')).toEqual({ key: 'validation.notInFuture' });
    expect(dateTime('UTC', 'future', now)('2019-01-23T19:00')).toEqual({ key: 'validation.inFuture' });
    expect(past('not a time')).toEqual({ key: 'validation.dateTime' });
  });

  it('refuses an effective time in the future or before the mission’s previous step', () => {
    const now = () => Date.parse('2019-01-25T20:00:00Z');
    const check = effectiveTime('America/Caracas', '2019-01-23T20:00:00Z', now);
    expect(check('')).toBeNull();
    expect(check('2019-01-24T10:00')).toBeNull();
    expect(check('2019-01-23T16:00')).toBeNull();
    expect(check('2019-01-23T15:59')).toEqual({ key: 'validation.beforePrevious', params: { previous: '2019-01-23 16:00 Caracas' } });
    expect(check('2019-01-25T16:01')).toEqual({ key: 'validation.notInFuture' });
    expect(effectiveTime('UTC', undefined, now)('2000-01-01T00:00')).toBeNull();
  });

  it('wants a third state as protecting power', () => {
    const mission = { sendingState: 'VE', receivingState: 'US' };
    expect(thirdState(mission)('CH')).toBeNull();
    expect(thirdState(mission)('US')).toEqual({ key: 'problem.invalidProtectingPower' });
    expect(thirdState(mission)('VE')).not.toBeNull();
  });
});
