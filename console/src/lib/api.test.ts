import { describe, expect, it } from 'vitest';
import { csrfToken, query } from './api';

describe('calls to the gateway', () => {
  it('send back the CSRF token the gateway set in its cookie', () => {
    expect(csrfToken('SESSION=abc; XSRF-TOKEN=3f%2Fx-1; other=1')).toBe('3f/x-1');
    expect(csrfToken('SESSION=abc')).toBeUndefined();
  });

  it('leave out the filters that are not set', () => {
    expect(query({ missionId: 'm-1', status: undefined, staffId: '' })).toBe('?missionId=m-1');
    expect(query({ status: null })).toBe('');
  });
});
