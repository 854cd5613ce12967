import { useEffect } from 'preact/hooks';
import { useI18n } from '../i18n';
import { navigate } from '../lib/router';
import type { Mission } from '../lib/types';

/** Chooses the mission a page shows; the choice is in the address, so it survives a reload. */
export function MissionPicker({ missions, selected, page }: { missions: Mission[]; selected: string | null; page: string }) {
  const { t } = useI18n();
  useEffect(() => {
    if (!selected && missions.length > 0) {
      navigate(`${page}?mission=${missions[0].id}`, true);
    }
  }, [selected, missions, page]);
  return (
    <div class="field inline">
      <label for="mission-picker">{t('field.mission')}</label>
      <select id="mission-picker" value={selected ?? ''} onChange={(e) => navigate(`${page}?mission=${e.currentTarget.value}`, true)}>
        {missions.map((m) => (
          <option key={m.id} value={m.id}>
            {m.officeCode} · {m.name}{m.exercise ? ` · ${t('exercise.mark')}` : ''}
          </option>
        ))}
      </select>
    </div>
  );
}
