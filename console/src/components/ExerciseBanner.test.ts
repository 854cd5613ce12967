import { h } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { afterEach, describe, expect, it } from 'vitest';
import { language } from '../i18n';
import type { Mission, Role } from '../lib/types';
import { signedIn } from '../session';
import { Countdown } from './common';
import { ExerciseBadge, ExerciseBanner } from './ExerciseBanner';

const mission: Mission = {
  id: '6a1f0c1e-0000-4000-8000-000000000001', officeCode: 'CCS', kind: 'EMBASSY', name: 'Embassy of the United States in Caracas',
  sendingState: 'US', receivingState: 'VE', city: 'Caracas', timeZone: 'America/Caracas', status: 'RELATIONS_SEVERED', consularPostsClosed: true,
  registeredAt: '2019-01-23T19:00:00Z', remainingStaffCeiling: null, protectingState: null, interestsSectionServices: [],
  exercise: { startsAt: '2019-01-23T19:00:00Z', caseNow: '2019-01-23T20:30:00Z' },
};
const real: Mission = { ...mission, exercise: null };
const as = (roles: Role[], offices: string[]) => signedIn.set({ username: 'someone', name: 'Someone', roles, offices });
const banner = (m: Mission) => renderToString(h(ExerciseBanner, { mission: m, onAdvanced: () => undefined }));

afterEach(() => {
  language.set('en');
  signedIn.set(null);
});

describe('the exercise banner', () => {
  it('says it is an exercise, with the case clock and its start in the mission’s local time and in UTC', () => {
    as(['office-viewer'], ['CCS']);
    const html = banner(mission);
    expect(html).toContain('data-testid="exercise-banner"');
    expect(html).toContain('>EXERCISE<');
    expect(html).toMatch(/data-testid="case-now">.*23 Jan 2019, 16:30.*Caracas.*23 Jan 2019, 20:30 UTC/);
    expect(html).toMatch(/data-testid="case-start">.*23 Jan 2019, 15:00.*Caracas.*23 Jan 2019, 19:00 UTC/);
  });

  it('speaks Spanish', () => {
    language.set('es');
    as(['office-viewer'], ['CCS']);
    const html = banner(mission);
    expect(html).toContain('>EJERCICIO<');
    expect(html).toContain('Reloj del caso');
  });

  it('offers the case clock’s control only to an office head of the mission’s office and to a ministry administrator', () => {
    as(['office-head'], ['CCS']);
    expect(banner(mission)).toContain('data-testid="case-clock-control"');
    as(['ministry-admin'], []);
    expect(banner(mission)).toContain('data-testid="case-clock-control"');
    as(['office-head'], ['WAS']);
    expect(banner(mission)).not.toContain('case-clock-control');
    as(['office-officer', 'office-viewer'], ['CCS']);
    expect(banner(mission)).not.toContain('case-clock-control');
  });

  it('is not there for a real mission, nor is the exercise badge', () => {
    as(['ministry-admin'], []);
    expect(banner(real)).toBe('');
    expect(renderToString(h(ExerciseBadge, { mission: real }))).toBe('');
    expect(renderToString(h(ExerciseBadge, { mission }))).toContain('EXERCISE');
  });
});

describe('the countdown of a deadline', () => {
  it('counts on the case clock of an exercise and says so', () => {
    const html = renderToString(h(Countdown, { dueAt: '2019-01-26T20:00:00Z', mission }));
    expect(html).toContain('2 d 23:30:00 left on the case clock');
    expect(html).toContain('data-clock="case"');
  });

  it('counts on the browser’s clock for a real mission', () => {
    const html = renderToString(h(Countdown, { dueAt: '2019-01-26T20:00:00Z', mission: real }));
    expect(html).toMatch(/overdue by \d+ d \d\d:\d\d:\d\d</);
    expect(html).toContain('data-clock="wall"');
  });
});
