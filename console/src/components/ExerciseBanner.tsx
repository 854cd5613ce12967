import { useState } from 'preact/hooks';
import { useI18n } from '../i18n';
import { ApiError, post, SessionEnded } from '../lib/api';
import { CASE_CLOCK_STEPS, later } from '../lib/caseClock';
import { mayAdvanceCaseClock } from '../lib/permissions';
import { explain, type Explained } from '../lib/problems';
import { useStore } from '../lib/store';
import { instantToZonedInput, zonedInputToInstant } from '../lib/time';
import type { Mission } from '../lib/types';
import { laterThan } from '../lib/validation';
import { signedIn } from '../session';
import { ActionForm } from './ActionForm';
import { Instant, ProblemBox } from './common';

/**
 * Heads every page of an exercise (its mission page, staff, alerts): says that it is an exercise,
 * where its case clock stands and where it started, in the mission's local time and in UTC, and
 * offers those who may a control to advance the case clock. Nothing for a real mission.
 */
export function ExerciseBanner({ mission, onAdvanced }: { mission: Mission; onAdvanced: () => void }) {
  const { t } = useI18n();
  const user = useStore(signedIn);
  if (!mission.exercise) {
    return null;
  }
  const { startsAt, caseNow } = mission.exercise;
  const zone = mission.timeZone;
  return (
    <section class="exercise-banner" aria-labelledby="exercise-mark" data-testid="exercise-banner" data-mission={mission.id} data-case-now={caseNow}>
      <p class="exercise-head">
        <strong id="exercise-mark" class="exercise-mark">{t('exercise.mark')}</strong>
        <span>{t('exercise.explain')}</span>
      </p>
      <dl class="facts compact">
        <div><dt>{t('exercise.caseNow')}</dt><dd data-testid="case-now"><Instant at={caseNow} zone={zone} /></dd></div>
        <div><dt>{t('exercise.startsAt')}</dt><dd data-testid="case-start"><Instant at={startsAt} zone={zone} /></dd></div>
      </dl>
      {user && mayAdvanceCaseClock(user, mission) && <AdvanceCaseClock mission={mission} caseNow={caseNow} onAdvanced={onAdvanced} />}
    </section>
  );
}

/** Marks an exercise wherever missions are listed or named. */
export function ExerciseBadge({ mission }: { mission: Pick<Mission, 'exercise'> }) {
  const { t } = useI18n();
  return mission.exercise ? <span class="badge exercise" data-testid="exercise-badge">{t('exercise.mark')}</span> : null;
}

/** Steps forward (an hour, a day…) at one click, or to a time typed in the mission's zone. */
function AdvanceCaseClock({ mission, caseNow, onAdvanced }: { mission: Mission; caseNow: string; onAdvanced: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Explained | null>(null);
  const zone = mission.timeZone;
  const advance = (advanceTo: string | null) => post(`/missions/${mission.id}/case-clock`, { advanceTo });

  async function step(ms: number) {
    setBusy(true);
    setRefusal(null);
    try {
      await advance(later(caseNow, ms));
      onAdvanced();
    } catch (failure) {
      if (!(failure instanceof SessionEnded)) {
        setRefusal(failure instanceof ApiError ? explain(failure.problem, i18n, undefined, { mission: mission.name }) : { title: t('problem.unexpected'), detail: String(failure), fields: [] });
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="case-clock-control" data-testid="case-clock-control">
      <div class="button-row" role="group" aria-labelledby="case-clock-steps">
        <span id="case-clock-steps">{t('exercise.advanceBy')}</span>
        {CASE_CLOCK_STEPS.map((s) => (
          <button key={s.key} type="button" data-step={s.ms} disabled={busy} onClick={() => step(s.ms)}>
            {t(s.key)}
          </button>
        ))}
      </div>
      {refusal && <ProblemBox explained={refusal} />}
      <details class="action" data-action="case-clock">
        <summary>{t('exercise.advanceTo')}</summary>
        {/* Drawn anew at each new case time, so that it starts an hour after it. */}
        <ActionForm key={caseNow} id={`case-clock:${mission.id}`} title={t('exercise.advanceTo')} submitLabel={t('exercise.advanceSubmit')} zone={zone}
          naming={() => ({ mission: mission.name })}
          initial={{ advanceTo: instantToZonedInput(later(caseNow, CASE_CLOCK_STEPS[0].ms), zone) }}
          fields={[{ name: 'advanceTo', label: t('field.advanceTo'), type: 'datetime', required: true, checks: [laterThan(zone, caseNow)] }]}
          onSubmit={(v) => advance(zonedInputToInstant(v.advanceTo, zone))}
          onDone={onAdvanced} />
      </details>
    </div>
  );
}
