import { describe, expect, it } from 'vitest';
import { i18nFor } from '../i18n';
import { problemOf } from './api';
import { may } from './permissions';
import { explain } from './problems';

describe('refusals in plain words', () => {
  it('explains the remaining-staff ceiling with its numbers, in the user’s language', () => {
    const problem = {
      status: 409, title: 'Remaining-staff ceiling reached', detail: 'Mission m may keep at most 2 remaining staff, and 2 are designated',
      ceiling: 2, designated: 2, correlationId: 'abc',
    };
    expect(explain(problem, i18nFor('es')).title).toBe('Se alcanzó el límite de personal remanente: 2 de 2 ya están designados.');
    expect(explain(problem, i18nFor('en'))).toMatchObject({
      title: 'The remaining-staff ceiling is reached: 2 of 2 are designated.',
      detail: problem.detail,
      correlationId: 'abc',
    });
  });

  it('names the fields a 400 found wrong, by their labels', () => {
    const explained = explain(
      { status: 400, title: 'Invalid request', detail: '1 field is invalid', errors: [{ field: 'noteReference', message: 'must not be blank' }] },
      i18nFor('en'),
      (field) => (field === 'noteReference' ? 'Note reference' : field),
    );
    expect(explained.title).toBe('1 field(s) need correcting.');
    expect(explained.fields).toEqual([{ field: 'noteReference', message: 'Note reference: must not be blank' }]);
  });

  it('says what a refusal by role or office means', () => {
    expect(explain({ status: 403, title: 'Forbidden', detail: 'Your role may not declare a rupture' }, i18nFor('en')).title).toBe('Your role may not do this.');
    expect(explain({ status: 404, title: 'Not Found' }, i18nFor('es')).title).toBe('No existe, o no es de su oficina.');
  });

  it('reads problem details, and plain-text refusals too', () => {
    expect(problemOf(409, '{"title":"Conflicting change","status":409}').title).toBe('Conflicting change');
    expect(problemOf(403, 'An expected CSRF token cannot be found')).toEqual({ status: 403, title: undefined, detail: 'An expected CSRF token cannot be found' });
  });
});

describe('what each role is offered', () => {
  it('follows the design’s table of roles', () => {
    expect(may({ roles: ['office-head'] }, 'missionEvents')).toBe(true);
    expect(may({ roles: ['office-head'] }, 'deadLetters')).toBe(false);
    expect(may({ roles: ['office-officer'] }, 'missionEvents')).toBe(false);
    expect(may({ roles: ['office-officer'] }, 'registerStaff')).toBe(true);
    expect(may({ roles: ['office-officer'] }, 'remainingStaff')).toBe(false);
    expect(may({ roles: ['office-viewer'] }, 'editStaff')).toBe(false);
    expect(may({ roles: ['ministry-admin'] }, 'deadLetters')).toBe(true);
  });
});
