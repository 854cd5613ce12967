import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { ApiError, SessionEnded } from '../lib/api';
import { clearDraft, loadDraft, saveDraft, type Values } from '../lib/drafts';
import { explain, named, type Explained, type Naming } from '../lib/problems';
import { formatUtc, zonedInputToInstant, zoneCity } from '../lib/time';
import { required, type Invalid } from '../lib/validation';
import { ProblemBox } from './common';

export type FieldType = 'text' | 'textarea' | 'number' | 'datetime' | 'select' | 'checkbox' | 'email' | 'tel' | 'duration';

export interface Field {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
  hint?: string;
  options?: { value: string; label: string }[];
  /** Suggestions offered while typing (for example the notes in the register). */
  suggestions?: string[];
  checks?: ((value: string, values: Values) => Invalid)[];
  /** Only shown (and checked) when this says so. */
  shownWhen?: (values: Values) => boolean;
  autoComplete?: string;
}

interface Props<R> {
  /** Names the form's draft: the same form for the same object keeps one draft. */
  id: string;
  title: string;
  fields: Field[];
  initial: Values;
  submitLabel: string;
  /** The mission's time zone: date-time fields are typed in it (read from the values while the mission is being registered). */
  zone?: string | ((values: Values) => string);
  intro?: ComponentChildren;
  onSubmit: (values: Values) => Promise<R>;
  onDone?: (result: R) => void;
  onCancel?: () => void;
  /** Names the mission and people the values refer to, for refusals in plain words. */
  naming?: (values: Values) => Naming;
}

/**
 * A form for one action of the API: checks what was typed before sending, keeps a draft through
 * a session that ends, and explains a refusal in plain words next to the fields concerned.
 */
export function ActionForm<R>({ id, title, fields, initial, submitLabel, zone = 'UTC', intro, onSubmit, onDone, onCancel, naming }: Props<R>) {
  const i18n = useI18n();
  const { t, tk } = i18n;
  const draft = useMemo(() => loadDraft(id), [id]);
  const [values, setValues] = useState<Values>(() => ({ ...initial, ...(draft ?? {}) }));
  const [restored, setRestored] = useState(draft !== null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [refusal, setRefusal] = useState<Explained | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    const fromDraft = loadDraft(id);
    setValues({ ...initial, ...(fromDraft ?? {}) });
    setRestored(fromDraft !== null);
    setErrors({});
    setRefusal(null);
  }, [id]);

  // A form brought back after the session ended is shown open, where the user left it.
  useEffect(() => {
    if (restored) {
      formRef.current?.closest('details')?.setAttribute('open', '');
      formRef.current?.scrollIntoView({ block: 'center' });
    }
  }, [restored]);

  const visible = fields.filter((f) => !f.shownWhen || f.shownWhen(values));
  const zoneNow = typeof zone === 'function' ? zone(values) : zone;
  const labelOf = (name: string) => fields.find((f) => f.name === name)?.label ?? name;

  function change(name: string, value: string) {
    const next = { ...values, [name]: value };
    setValues(next);
    setDone(false);
    saveDraft(id, next);
    if (errors[name]) {
      setErrors(({ [name]: _, ...rest }) => rest);
    }
  }

  function check(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const field of visible) {
      const value = values[field.name] ?? '';
      const rules: ((value: string, values: Values) => Invalid)[] = [...(field.required && field.type !== 'checkbox' ? [required] : []), ...(field.checks ?? [])];
      for (const rule of rules) {
        const wrong = rule(value, values);
        if (wrong) {
          found[field.name] = tk(wrong.key, wrong.params);
          break;
        }
      }
    }
    return found;
  }

  async function submit(event: Event) {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setRefusal(null);
    if (Object.keys(found).length) {
      const first = formRef.current?.querySelector<HTMLElement>(`[name="${Object.keys(found)[0]}"]`);
      first?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await onSubmit(values);
      clearDraft(id);
      setRestored(false);
      setDone(true);
      setValues({ ...initial });
      onDone?.(result);
    } catch (failure) {
      if (failure instanceof SessionEnded) {
        return; // the page is reloading into the sign-in; the draft is kept
      }
      if (failure instanceof ApiError) {
        const about = naming?.(values) ?? {};
        const explained = explain(failure.problem, i18n, labelOf, about);
        setRefusal(explained);
        const byField: Record<string, string> = {};
        for (const f of failure.problem.errors ?? []) {
          byField[f.field] = f.message;
        }
        const field = failure.problem['field'];
        if (typeof field === 'string' && failure.problem.detail) {
          byField[field] = named(failure.problem.detail, about.names);
        }
        setErrors(byField);
      } else {
        setRefusal({ title: t('problem.unexpected'), detail: String(failure), fields: [] });
      }
    } finally {
      setBusy(false);
    }
  }

  const headingId = `${id.replace(/[^a-zA-Z0-9-]/g, '-')}-title`;
  return (
    <form ref={formRef} class="action-form" onSubmit={submit} noValidate aria-labelledby={headingId} data-form={id.split(':')[0]}>
      <h3 id={headingId}>{title}</h3>
      {intro}
      {restored && (
        <p class="notice" role="status">
          {t('form.restored')}
        </p>
      )}
      {refusal && <ProblemBox explained={refusal} />}
      {visible.map((field) => (
        <FieldInput key={field.name} field={field} formId={headingId} value={values[field.name] ?? ''} error={errors[field.name]}
          zone={zoneNow} onChange={(v) => change(field.name, v)} />
      ))}
      <div class="form-actions">
        <button type="submit" class="primary" disabled={busy}>
          {busy ? t('form.sending') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={() => { clearDraft(id); onCancel(); }}>
            {t('form.cancel')}
          </button>
        )}
        {done && (
          <span class="success" role="status">
            {t('form.done')}
          </span>
        )}
      </div>
    </form>
  );
}

function FieldInput({ field, formId, value, error, zone, onChange }: { field: Field; formId: string; value: string; error?: string; zone: string; onChange: (value: string) => void }) {
  const { t, lang } = useI18n();
  const id = `${formId}-${field.name}`;
  const describedBy = [field.hint || field.type === 'datetime' ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required ? ('true' as const) : undefined,
  };
  let input;
  switch (field.type) {
    case 'textarea':
      input = <textarea {...common} value={value} rows={3} onInput={(e) => onChange(e.currentTarget.value)} />;
      break;
    case 'select':
      input = (
        <select {...common} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          <option value="">{t('form.choose')}</option>
          {field.options?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    case 'checkbox':
      return (
        <div class="field checkbox">
          <input {...common} type="checkbox" checked={value === 'true'} onChange={(e) => onChange(e.currentTarget.checked ? 'true' : 'false')} />
          <label for={id}>{field.label}</label>
          {field.hint && <p id={`${id}-hint`} class="hint">{field.hint}</p>}
        </div>
      );
    case 'duration': {
      const match = /^(\d*)([HD])$/.exec(value) ?? ['', value.replace(/\D/g, ''), 'H'];
      input = (
        <span class="duration">
          <input {...common} type="number" inputMode="numeric" min={1} value={match[1]} onInput={(e) => onChange(`${e.currentTarget.value}${match[2]}`)} />
          <select aria-label={t('form.unit')} value={match[2]} onChange={(e) => onChange(`${match[1]}${e.currentTarget.value}`)}>
            <option value="H">{t('time.hours')}</option>
            <option value="D">{t('time.days')}</option>
          </select>
        </span>
      );
      break;
    }
    case 'datetime':
      input = <input {...common} type="datetime-local" value={value} onInput={(e) => onChange(e.currentTarget.value)} />;
      break;
    default: {
      const listId = field.suggestions?.length ? `${id}-list` : undefined;
      input = (
        <>
          <input {...common} type={field.type} value={value} list={listId} autoComplete={field.autoComplete ?? 'off'}
            onInput={(e) => onChange(e.currentTarget.value)} />
          {listId && (
            <datalist id={listId}>
              {field.suggestions!.map((s) => (
                <option key={s} value={s} />
              ))}
            </datalist>
          )}
        </>
      );
    }
  }
  const utc = field.type === 'datetime' && value ? zonedInputToInstant(value, zone) : null;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <label for={id}>
        {field.label}
        {field.type === 'datetime' && <span class="muted"> ({t('form.localTime', { zone: zoneCity(zone) })})</span>}
        {field.required && <span class="required" aria-hidden="true"> *</span>}
      </label>
      {input}
      {(field.hint || field.type === 'datetime') && (
        <p id={`${id}-hint`} class="hint">
          {field.hint}
          {field.type === 'datetime' && (utc ? ` ${t('form.utcIs', { utc: formatUtc(utc, lang) })}` : ` ${t('form.typeLocalTime')}`)}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="error">
          {error}
        </p>
      )}
    </div>
  );
}
