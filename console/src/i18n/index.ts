import { createStore, useStore } from '../lib/store';
import type { Language } from '../lib/time';
import { en, type MessageKey } from './en';
import { es } from './es';

export type { MessageKey };
export type Params = Record<string, string | number>;

const dictionaries: Record<Language, Record<MessageKey, string>> = { en, es };
const STORAGE_KEY = 'iop.language';

function initialLanguage(): Language {
  try {
    const chosen = localStorage.getItem(STORAGE_KEY);
    if (chosen === 'en' || chosen === 'es') {
      return chosen;
    }
  } catch {
    // storage disabled: fall back to the browser's language
  }
  return typeof navigator !== 'undefined' && navigator.language?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export const language = createStore<Language>(typeof window === 'undefined' ? 'en' : initialLanguage());

/** The user's choice, remembered in this browser. */
export function chooseLanguage(chosen: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, chosen);
  } catch {
    // not remembered, but applied
  }
  document.documentElement.lang = chosen;
  language.set(chosen);
}

export function interpolate(text: string, params?: Params): string {
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole)) : text;
}

export function translate(lang: Language, key: MessageKey, params?: Params): string {
  return interpolate(dictionaries[lang][key] ?? en[key] ?? key, params);
}

/** A key made at run time (an enumeration's value): the value itself, readable, when the dictionary lacks it. */
export function translateDynamic(lang: Language, key: string, fallback: string, params?: Params): string {
  const text = (dictionaries[lang] as Record<string, string>)[key];
  return text === undefined ? fallback : interpolate(text, params);
}

/** Makes an enumeration's value readable when the dictionary does not know it: REMINDER_48H → Reminder 48H. */
export function humanize(value: string): string {
  const words = value.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1).replace(/\b(\d+)([a-z])\b/g, (_, n: string, u: string) => n + u.toUpperCase());
}

export interface I18n {
  lang: Language;
  t: (key: MessageKey, params?: Params) => string;
  /** The label of an enumeration's value, e.g. label('status', 'OPERATING'). */
  label: (group: string, value: string | null | undefined) => string;
  /** A message key that is only known at run time. */
  tk: (key: string, params?: Params) => string;
}

export function i18nFor(lang: Language): I18n {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    label: (group, value) => {
      if (!value) {
        return '';
      }
      // Reminder slots are named by their lead time (REMINDER_48H); the list is the service's to set.
      const reminder = group === 'slot' ? /^REMINDER_(\d+)([HD])$/.exec(value) : null;
      if (reminder) {
        return translate(lang, 'slot.reminder', { amount: reminder[1], unit: translate(lang, reminder[2] === 'H' ? 'time.hourUnit' : 'time.dayUnit') });
      }
      return translateDynamic(lang, `${group}.${value}`, humanize(value));
    },
    tk: (key, params) => translateDynamic(lang, key, key, params),
  };
}

export function useI18n(): I18n {
  return i18nFor(useStore(language));
}
