import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Holiday } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { ErrorAlert } from '@/components/ui/alert';
import { DataTable } from '@/components/ui/data-table';
import { FormField } from '@/components/ui/form-field';
import { QueryState } from '@/components/ui/query-state';
import { useCurrentUser } from '@/lib/auth';
import { todayIn, useCalendarDateFormat } from '@/lib/calendar';
import { useDeleteHoliday, useHolidays } from '../api/public-holidays';
import { HolidayForm } from './holiday-form';
import styles from '../settings.module.css';

/** The years the picker offers around the current one. */
const YEARS_BEFORE = 2;
const YEARS_AFTER = 3;

/** The year in the address (`?year=2027`), or the current one. */
function useYear(current: number): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : current;
  return [year, (next) => setParams({ year: String(next) }, { replace: true })];
}

/**
 * A year's public holidays: a year picker, the list (date, name, level, the municipality of a
 * local one) and, for the administrator, a form to add one and a button to delete each.
 */
export function HolidaysPanel({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const me = useCurrentUser();
  const current = Number(todayIn(me.entity.timeZone).slice(0, 4));
  const [year, setYear] = useYear(current);
  const list = useHolidays(year);
  const remove = useDeleteHoliday();
  const formatDate = useCalendarDateFormat();
  const years: number[] = [];
  for (
    let y = Math.min(year, current - YEARS_BEFORE);
    y <= Math.max(year, current + YEARS_AFTER);
    y++
  ) {
    years.push(y);
  }
  const caption = t('agendaSettings.holidays.caption', { year });

  return (
    <div className={styles.sections}>
      {list.data?.canEdit && (
        <section className="card" aria-labelledby={`${id}-add`}>
          <h2 id={`${id}-add`} className="section-title">
            {t('agendaSettings.holidays.form.title')}
          </h2>
          <HolidayForm
            onDone={(holiday) => {
              const holidayYear = Number(holiday.date.slice(0, 4));
              if (holidayYear !== year) setYear(holidayYear);
              onDone(
                t('agendaSettings.holidays.added', {
                  name: holiday.name,
                  date: formatDate(holiday.date),
                }),
              );
            }}
          />
        </section>
      )}
      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="section-title">
          {t('agendaSettings.holidays.listTitle', { year })}
        </h2>
        <FormField
          id={`${id}-year`}
          label={t('agendaSettings.holidays.year')}
          className={styles.picker}
        >
          {(control) => (
            <select
              {...control}
              value={year}
              onChange={(e) => {
                remove.reset();
                setYear(Number(e.target.value));
              }}
            >
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </FormField>
        {list.data && !list.data.canEdit && (
          <p className="muted">{t('agendaSettings.holidays.readOnly')}</p>
        )}
        <ErrorAlert error={remove.error} />
        <QueryState query={list}>
          {(data) =>
            data.items.length === 0 ? (
              <p className="muted">{t('agendaSettings.holidays.empty', { year })}</p>
            ) : (
              <DataTable
                caption={caption}
                rows={data.items}
                rowKey={(h) => h.id}
                columns={[
                  { header: t('agendaSettings.holidays.date'), cell: (h) => formatDate(h.date) },
                  { header: t('agendaSettings.holidays.name'), cell: (h) => h.name },
                  {
                    header: t('agendaSettings.holidays.level'),
                    cell: (h) => t(`agendaSettings.holidays.levels.${h.level}`),
                  },
                  {
                    header: t('agendaSettings.holidays.municipality'),
                    cell: (h) => h.municipality?.name ?? t('agendaSettings.holidays.everywhere'),
                  },
                  ...(data.canEdit
                    ? [
                        {
                          header: t('forms.actions'),
                          hidden: true,
                          actions: true,
                          cell: (h: Holiday) => {
                            const named = { name: h.name, date: formatDate(h.date) };
                            return (
                              <ConfirmButton
                                label={t('forms.delete')}
                                accessibleLabel={t('agendaSettings.holidays.deleteNamed', named)}
                                question={t('agendaSettings.holidays.deleteQuestion', named)}
                                confirmLabel={t('forms.deleteConfirm')}
                                cancelLabel={t('forms.cancel')}
                                pending={remove.isPending}
                                onConfirm={() => {
                                  remove.reset();
                                  remove.mutate(h.id, {
                                    onSuccess: () =>
                                      onDone(t('agendaSettings.holidays.deleted', named)),
                                  });
                                }}
                              />
                            );
                          },
                        },
                      ]
                    : []),
                ]}
              />
            )
          }
        </QueryState>
      </section>
    </div>
  );
}
