import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { humanize, i18nFor } from './index';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('Spanish and English dictionaries', () => {
  it('translate every message, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(es[key], key).toBeTruthy();
      expect(placeholders(es[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('show values the console does not know yet as data, not as keys', () => {
    const { label } = i18nFor('es');
    expect(label('channel', 'SMS')).toBe('SMS');
    expect(label('channel', 'PIGEON')).toBe('Pigeon');
    expect(label('slot', 'REMINDER_48H')).toBe('Recordatorio 48 h antes');
    expect(i18nFor('en').label('slot', 'REMINDER_1H')).toBe('Reminder 1 h before');
    expect(humanize('DEADLINE_CHANGED')).toBe('Deadline changed');
  });

  it('fill in parameters', () => {
    expect(i18nFor('es').t('gauge.of', { used: 5, ceiling: 7 })).toBe('5 de 7');
    expect(i18nFor('en').t('gauge.of', { used: 5, ceiling: 7 })).toBe('5 of 7');
  });
});
