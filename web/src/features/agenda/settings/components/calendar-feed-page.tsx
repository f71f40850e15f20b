import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CalendarFeed } from '@caliu/common';
import { ConfirmButton } from '@/components/confirm-button';
import { alertClass, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { DataTable } from '@/components/ui/data-table';
import { QueryState } from '@/components/ui/query-state';
import { cx } from '@/lib/cx';
import { useDateTimeFormat } from '@/lib/format';
import {
  useCalendarFeeds,
  useCreateCalendarFeed,
  useRevokeCalendarFeed,
} from '../api/calendar-feeds';
import { SettingsPage, useNotice } from './settings-page';
import styles from '../settings.module.css';

/**
 * The professional's calendar feed: what it is, asking for a subscription link (emailed, never
 * shown here; persons' names only when asked for, with a warning), and the feeds asked for, each
 * revocable.
 */
export function CalendarFeedPage() {
  const { t } = useTranslation();
  const id = useId();
  const [notice, say] = useNotice();
  return (
    <SettingsPage section="calendar" notice={notice}>
      <div className={styles.sections}>
        <section className="card" aria-labelledby={`${id}-ask`}>
          <h2 id={`${id}-ask`} className="section-title">
            {t('agendaSettings.calendar.askTitle')}
          </h2>
          <p>{t('agendaSettings.calendar.how')}</p>
          <FeedRequestForm onDone={say} />
        </section>
        <section className="card" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`} className="section-title">
            {t('agendaSettings.calendar.listTitle')}
          </h2>
          <FeedsTable onDone={say} />
        </section>
      </div>
    </SettingsPage>
  );
}

function FeedRequestForm({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateCalendarFeed();
  const [includeNames, setIncludeNames] = useState(false);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { includeNames },
      {
        onSuccess: () => {
          setIncludeNames(false);
          onDone(t('agendaSettings.calendar.sent'));
        },
      },
    );
  };
  return (
    <form
      className="form"
      onSubmit={submit}
      noValidate
      aria-label={t('agendaSettings.calendar.askTitle')}
    >
      <ErrorAlert error={create.error} />
      <div className="field">
        <label className={cx(fieldCss.checkbox, 'checkbox')}>
          <input
            type="checkbox"
            checked={includeNames}
            aria-describedby={`${id}-names-hint`}
            onChange={(e) => {
              setIncludeNames(e.target.checked);
              if (create.error) create.reset();
            }}
          />
          <span>{t('agendaSettings.calendar.includeNames')}</span>
        </label>
        <p id={`${id}-names-hint`} className="field__hint">
          {t('agendaSettings.calendar.includeNamesHint')}
        </p>
      </div>
      <p className={alertClass(includeNames ? 'warning' : 'info', styles.warning)}>
        {t('agendaSettings.calendar.warning')}
      </p>
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending
            ? t('agendaSettings.calendar.sending')
            : t('agendaSettings.calendar.request')}
        </Button>
      </div>
    </form>
  );
}

function FeedsTable({ onDone }: { onDone: (notice: string) => void }) {
  const { t } = useTranslation();
  const feeds = useCalendarFeeds();
  const revoke = useRevokeCalendarFeed();
  const formatDateTime = useDateTimeFormat();
  return (
    <>
      <ErrorAlert error={revoke.error} />
      <QueryState query={feeds} empty={t('agendaSettings.calendar.empty')}>
        {(items) => (
          <DataTable
            caption={t('agendaSettings.calendar.caption')}
            rows={items}
            rowKey={(feed) => feed.id}
            columns={[
              {
                header: t('agendaSettings.calendar.created'),
                cell: (feed) => formatDateTime(feed.createdAt),
              },
              {
                header: t('agendaSettings.calendar.names'),
                cell: (feed) =>
                  feed.includeNames
                    ? t('agendaSettings.calendar.withNames')
                    : t('agendaSettings.calendar.withoutNames'),
              },
              {
                header: t('agendaSettings.calendar.state'),
                cell: (feed) =>
                  feed.revokedAt ? (
                    <span className="badge badge--off">
                      {t('agendaSettings.calendar.revokedOn', {
                        date: formatDateTime(feed.revokedAt),
                      })}
                    </span>
                  ) : (
                    <span className="badge badge--on">{t('agendaSettings.calendar.active')}</span>
                  ),
              },
              {
                header: t('forms.actions'),
                hidden: true,
                actions: true,
                cell: (feed: CalendarFeed) => {
                  if (feed.revokedAt) return null;
                  const named = { date: formatDateTime(feed.createdAt) };
                  return (
                    <ConfirmButton
                      label={t('agendaSettings.calendar.revoke')}
                      accessibleLabel={t('agendaSettings.calendar.revokeNamed', named)}
                      question={t('agendaSettings.calendar.revokeQuestion', named)}
                      confirmLabel={t('agendaSettings.calendar.revokeConfirm')}
                      cancelLabel={t('forms.cancel')}
                      pending={revoke.isPending}
                      onConfirm={() => {
                        revoke.reset();
                        revoke.mutate(feed.id, {
                          onSuccess: () => onDone(t('agendaSettings.calendar.revoked', named)),
                        });
                      }}
                    />
                  );
                },
              },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
