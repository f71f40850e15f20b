import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkingHoursList } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, FormActions } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-client';
import { usePutWorkingHours } from '../api/working-hours';
import {
  copyDay,
  fieldOfServerError,
  intervalsFromWeek,
  sameWeek,
  shownIntervals,
  timeField,
  weekFromIntervals,
  weekProblems,
  WEEKDAYS,
} from '../working-hours';
import type { DayShape, TimeField, WeekValues, Weekday } from '../working-hours';
import styles from '../settings.module.css';

type SectorHours = WorkingHoursList['items'][number];

const SHAPES: readonly DayShape[] = [0, 1, 2];
const WORKING_WEEK: readonly Weekday[] = [1, 2, 3, 4, 5];

/**
 * A sector's working hours, for a coordinator of one of its teams: for each day of the week
 * closed, one interval, or two (morning and afternoon); checked as they are typed (each interval
 * ends after it starts, a day's two do not overlap) and saved whole.
 */
export function SectorHoursForm({
  hours,
  onDone,
}: {
  hours: SectorHours;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const save = usePutWorkingHours();
  const saved = weekFromIntervals(hours.intervals);
  const [week, setWeek] = useState<WeekValues>(saved);
  const [tried, setTried] = useState(false);
  const sector = hours.sector.name;

  const own = weekProblems(week);
  const { origins } = intervalsFromWeek(week);
  const refused: Partial<Record<TimeField, string>> = {};
  let allPlaced = true;
  if (save.error instanceof ApiError) {
    for (const detail of save.error.details) {
      const field = fieldOfServerError(detail.field, origins);
      if (field) refused[field] = detail.message;
      else allPlaced = false;
    }
  }
  const errors: Partial<Record<TimeField, string>> = { ...refused };
  if (tried) {
    for (const [field, problem] of Object.entries(own)) {
      errors[field as TimeField] = t(`agendaSettings.workingHours.problems.${problem}`);
    }
  }
  const changed = !sameWeek(week, saved);

  const change = (next: WeekValues) => {
    setWeek(next);
    if (save.error) save.reset();
  };
  const setShape = (weekday: Weekday, shape: DayShape) =>
    change({ ...week, [weekday]: { ...week[weekday], shape } });
  const setTime = (weekday: Weekday, index: 0 | 1, edge: 'start' | 'end', value: string) => {
    const intervals = [...week[weekday].intervals] as WeekValues[Weekday]['intervals'];
    intervals[index] = { ...intervals[index], [edge]: value };
    change({ ...week, [weekday]: { ...week[weekday], intervals } });
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    const first = Object.keys(own)[0];
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    save.mutate(
      { sectorId: hours.sector.id, intervals: intervalsFromWeek(week).intervals },
      {
        onSuccess: (answer) => {
          setWeek(weekFromIntervals(answer.intervals));
          setTried(false);
          onDone(t('agendaSettings.workingHours.saved', { sector }));
        },
      },
    );
  };

  const slotName = (shape: DayShape, index: 0 | 1) =>
    shape === 1 ? 'single' : index === 0 ? 'morning' : 'afternoon';

  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={t('agendaSettings.workingHours.formLabel', { sector })}
    >
      <ErrorAlert error={save.error} shownByFields={allPlaced ? ['intervals'] : []} />
      <div className={styles.copy}>
        <Button variant="secondary" small onClick={() => change(copyDay(week, 1, WORKING_WEEK))}>
          {t('agendaSettings.workingHours.copyMonday')}
        </Button>
      </div>
      <div className={styles.week}>
        {WEEKDAYS.map((weekday) => {
          const day = week[weekday];
          const dayName = t(`agendaSettings.weekdays.${weekday}`);
          return (
            <fieldset key={weekday} className={styles.day}>
              <legend>{dayName}</legend>
              <FormField
                id={`${id}-${weekday}-shape`}
                label={t('agendaSettings.workingHours.shape')}
              >
                {(control) => (
                  <select
                    {...control}
                    value={day.shape}
                    onChange={(e) => setShape(weekday, Number(e.target.value) as DayShape)}
                  >
                    {SHAPES.map((shape) => (
                      <option key={shape} value={shape}>
                        {t(`agendaSettings.workingHours.shapes.${shape}`)}
                      </option>
                    ))}
                  </select>
                )}
              </FormField>
              <div className={styles.times}>
                {shownIntervals(day).map((interval, i) => {
                  const index = i as 0 | 1;
                  return (['start', 'end'] as const).map((edge) => {
                    const field = timeField(weekday, index, edge);
                    return (
                      <FormField
                        key={field}
                        id={`${id}-${field}`}
                        label={t(
                          `agendaSettings.workingHours.times.${slotName(day.shape, index)}.${edge}`,
                        )}
                        required
                        error={errors[field]}
                      >
                        {(control) => (
                          <input
                            {...control}
                            type="time"
                            value={interval[edge]}
                            onChange={(e) => setTime(weekday, index, edge, e.target.value)}
                          />
                        )}
                      </FormField>
                    );
                  });
                })}
              </div>
            </fieldset>
          );
        })}
      </div>
      <FormActions
        submitLabel={t('agendaSettings.workingHours.save')}
        pending={save.isPending}
        onCancel={() => {
          setWeek(saved);
          setTried(false);
          save.reset();
        }}
        cancelDisabled={!changed}
      />
    </form>
  );
}
