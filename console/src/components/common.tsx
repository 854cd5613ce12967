import type { ComponentChildren } from 'preact';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { useNow } from '../lib/hooks';
import { explain, type Explained } from '../lib/problems';
import { isExercise, timeLeft } from '../lib/caseClock';
import { formatCountdown, formatInZone, formatUtc, zoneCity } from '../lib/time';
import type { AlertProgress, Mission } from '../lib/types';

/** An instant in the mission's local time, with UTC beside it. */
export function Instant({ at, zone }: { at: string | null | undefined; zone: string }) {
  const { lang } = useI18n();
  if (!at) {
    return <span class="muted">—</span>;
  }
  return (
    <span class="instant">
      <time dateTime={at}>
        {formatInZone(at, zone, lang)} <span class="zone">{zoneCity(zone)}</span>
      </time>
      <span class="utc">{formatUtc(at, lang)}</span>
    </span>
  );
}

/**
 * The time left to a running deadline on the mission's clock, ticking each second; past due it
 * counts the overrun. An exercise's countdown stands still until its case clock is advanced.
 */
export function Countdown({ dueAt, mission }: { dueAt: string; mission: Pick<Mission, 'exercise'> }) {
  const { t } = useI18n();
  const now = useNow();
  const left = timeLeft(dueAt, mission, now);
  const text = formatCountdown(left, t('time.dayUnit'));
  const onCaseClock = isExercise(mission);
  const message = left.overdue ? (onCaseClock ? 'countdown.overdueCase' : 'countdown.overdue') : onCaseClock ? 'countdown.leftCase' : 'countdown.left';
  return (
    <span class={left.overdue ? 'countdown overdue' : 'countdown'} role="timer" data-due={dueAt} data-clock={onCaseClock ? 'case' : 'wall'}>
      {t(message, { time: text })}
    </span>
  );
}

export function Badge({ group, value }: { group: string; value: string }) {
  const { label } = useI18n();
  return <span class={`badge ${group}-${value.toLowerCase()}`}>{label(group, value)}</span>;
}

export function ProblemBox({ explained }: { explained: Explained }) {
  const { t } = useI18n();
  return (
    <div class="problem" role="alert">
      <p class="problem-title">{explained.title}</p>
      {explained.detail && <p class="problem-detail">{explained.detail}</p>}
      {explained.fields.length > 0 && (
        <ul>
          {explained.fields.map((f) => (
            <li key={f.field}>{f.message}</li>
          ))}
        </ul>
      )}
      {explained.correlationId && <p class="muted small">{t('problem.reference', { id: explained.correlationId })}</p>}
    </div>
  );
}

/** A failed load, explained; anything but a refusal is a programming error worth showing as such. */
export function LoadError({ error }: { error: unknown }) {
  const i18n = useI18n();
  if (error instanceof ApiError) {
    return <ProblemBox explained={explain(error.problem, i18n)} />;
  }
  return <ProblemBox explained={{ title: i18n.t('problem.unexpected'), detail: String(error), fields: [] }} />;
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p class="muted" role="status">
      {t('common.loading')}
    </p>
  );
}

export function Section({ title, id, children, actions }: { title: string; id?: string; children: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="card" aria-labelledby={id ? `${id}-title` : undefined} id={id}>
      <header class="card-header">
        <h2 id={id ? `${id}-title` : undefined}>{title}</h2>
        {actions && <div class="card-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

/** How many of the allowed number are taken, e.g. remaining staff 5 of 7. */
export function Gauge({ used, ceiling, label }: { used: number; ceiling: number | null | undefined; label: string }) {
  const { t } = useI18n();
  if (ceiling == null) {
    return (
      <p class="gauge" data-testid="ceiling-gauge">
        <span class="gauge-label">{label}</span> {t('gauge.noCeiling', { used })}
      </p>
    );
  }
  const full = used >= ceiling;
  return (
    <div class={full ? 'gauge full' : 'gauge'} data-testid="ceiling-gauge">
      <span class="gauge-label" id="gauge-label">
        {label}
      </span>
      <meter min={0} max={Math.max(ceiling, 1)} value={used} low={Math.max(ceiling - 1, 0)} high={ceiling} optimum={0} aria-labelledby="gauge-label" />
      <strong class="gauge-text">{t('gauge.of', { used, ceiling })}</strong>
    </div>
  );
}

const SEGMENTS = ['delivered', 'sent', 'queued', 'retrying', 'failed', 'dead'] as const;

/** Where a mission's alerts are: a bar split by delivery state, and how many were acknowledged. */
export function ProgressBar({ progress, name }: { progress: AlertProgress; name: string }) {
  const { t, label } = useI18n();
  const total = Math.max(progress.total, 0);
  const done = progress.delivered + progress.sent;
  return (
    <figure class="progress" data-testid="alert-progress" data-mission={progress.missionId} data-total={total} data-done={done}
      data-acknowledged={progress.acknowledged}>
      <figcaption>
        <strong>{name}</strong>{' '}
        <span class="muted">{t('progress.summary', { done, total, acknowledged: progress.acknowledged })}</span>
      </figcaption>
      <div class="bar" role="img" aria-label={t('progress.aria', { done, total, acknowledged: progress.acknowledged })}>
        {total > 0 &&
          SEGMENTS.map((segment) =>
            progress[segment] > 0 ? (
              <span key={segment} class={`segment ${segment}`} style={{ width: `${(progress[segment] / total) * 100}%` }}
                title={`${label('alertState', segment.toUpperCase())}: ${progress[segment]}`} />
            ) : null,
          )}
      </div>
      <ul class="legend">
        {SEGMENTS.map((segment) => (
          <li key={segment} data-state={segment}>
            <span class={`swatch ${segment}`} aria-hidden="true" /> {label('alertState', segment.toUpperCase())}: <strong>{progress[segment]}</strong>
          </li>
        ))}
        <li data-state="acknowledged">
          <span class="swatch acknowledged" aria-hidden="true" /> {t('progress.acknowledged')}: <strong>{progress.acknowledged}</strong>
        </li>
      </ul>
    </figure>
  );
}
