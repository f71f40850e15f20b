import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ticketAnswerSchema, type Ticket } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { QueryState } from '@/components/ui/query-state';
import { cx } from '@/lib/cx';
import { useDateTimeFormat } from '@/lib/format';
import { TicketFiles } from '@/lib/ticket-files-slot';
import { useAnswerTicket, useTicket } from '../api/tickets';
import { storedDiagnostics } from '../diagnostics';
import { TextArea } from './form-controls';
import { OperationResultBlock } from './operation-result';
import { DiagnosticsList } from './ticket-form';
import { StatusBadge } from './ticket-list';
import styles from '../support.module.css';

/** Every name a ticket's fields may point at, by id or number. */
function namesOf(references: Ticket['references']): Map<string, string> {
  const names = new Map<string, string>();
  for (const p of references.persons) names.set(p.id, p.name);
  for (const c of references.caseFiles) names.set(c.number, c.number);
  for (const list of [references.professionals, references.teams, references.sectors])
    for (const item of list) names.set(item.id, item.name);
  return names;
}

/** A ticket's fields in words: labels from the form, ids as names, choices as the form said them. */
function FieldsInWords({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const names = namesOf(ticket.references);
  const word = (key: string, value: unknown): string => {
    if (typeof value === 'boolean') return value ? t('support.form.yes') : t('support.form.no');
    if (value === null || value === undefined || value === '') return '—';
    if (Array.isArray(value)) return value.map((v) => word(key, v)).join(', ');
    const text = String(value);
    if (key === 'roles') return t(`roles.${text as 'tech_ssb'}`, { defaultValue: text });
    if (key === 'reason')
      return t(`support.mergeReasons.${text as 'other'}`, { defaultValue: text });
    if (key === 'caseFiles')
      return t(`support.caseFilesChoice.${text as 'open_only'}`, { defaultValue: text });
    if (key === 'documentType')
      return t(`professionals.documentTypes.${text as 'dni'}`, { defaultValue: text });
    return names.get(text) ?? text;
  };
  const entries = Object.entries(ticket.fields).filter(([key]) => key !== 'diagnostics');
  const diagnostics = storedDiagnostics(ticket.fields.diagnostics);
  return (
    <>
      <dl className={styles.fieldsList}>
        {entries.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`support.fields.${key as 'note'}`, { defaultValue: key })}</dt>
            <dd>{word(key, value)}</dd>
          </div>
        ))}
      </dl>
      {diagnostics && <DiagnosticsList diagnostics={diagnostics} sent />}
    </>
  );
}

function AnswerForm({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const answer = useAnswerTicket(ticketId);
  const valid = ticketAnswerSchema.safeParse({ body }).success;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) answer.mutate(body, { onSuccess: () => setBody('') });
  };
  return (
    <form noValidate onSubmit={onSubmit} className={styles.form}>
      <TextArea
        id={`${id}-answer`}
        label={t('support.ticket.answer')}
        hint={t('support.ticket.answerHint')}
        required
        rows={4}
        value={body}
        error={touched && !valid ? t('support.form.errors.required') : undefined}
        onChange={setBody}
        onBlur={() => setTouched(true)}
      />
      <ErrorAlert error={answer.error} />
      <div className={fieldCss.formActions}>
        <Button type="submit" disabled={!valid || answer.isPending}>
          {answer.isPending ? t('support.form.sending') : t('support.ticket.sendAnswer')}
        </Button>
      </div>
    </form>
  );
}

/**
 * One of the user's tickets: what was asked (in words), its history, and, while the agents
 * wait for the requester, the answer box. In the panel (a back button) or on its own page.
 */
export function TicketView({ id, onBack }: { id: string; onBack?: () => void }) {
  const { t } = useTranslation();
  const ticket = useTicket(id);
  const formatDateTime = useDateTimeFormat();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const historyId = useId();
  const loaded = ticket.isSuccess;
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);
  return (
    <div className={styles.ticketView}>
      {onBack && (
        <Button small variant="secondary" onClick={onBack}>
          {t('support.form.backToTickets')}
        </Button>
      )}
      <QueryState query={ticket}>
        {(data) => (
          <article aria-labelledby={`${historyId}-title`}>
            <h3 id={`${historyId}-title`} ref={headingRef} tabIndex={-1} className="section-title">
              {data.number} · {data.subject}
            </h3>
            <p>
              <StatusBadge status={data.status} /> {t(`support.kinds.${data.kind}`)} ·{' '}
              {t('support.openedOn', { date: formatDateTime(data.createdAt) })}
            </p>
            <FieldsInWords ticket={data} />
            {data.operation && <OperationResultBlock operation={data.operation} />}
            <TicketFiles
              ticket={data}
              reader="requester"
              headingLevel={4}
              onChanged={() => void ticket.refetch()}
            />
            <section aria-labelledby={historyId}>
              <h4 id={historyId}>{t('support.ticket.history')}</h4>
              {data.events.length === 0 ? (
                <p className="muted">{t('support.ticket.noEvents')}</p>
              ) : (
                <ol className={styles.history}>
                  {data.events.map((event) => (
                    <li
                      key={event.id}
                      className={cx(styles.event, event.side === 'agent' && styles.eventAgent)}
                    >
                      <p className={styles.eventMeta}>
                        <strong>{event.authorName}</strong> ·{' '}
                        <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                        {event.status && (
                          <>
                            {' · '}
                            {t('support.ticket.movedTo', {
                              status: t(`support.statuses.${event.status}`),
                            })}
                          </>
                        )}
                      </p>
                      {event.body && <p className={styles.eventBody}>{event.body}</p>}
                    </li>
                  ))}
                </ol>
              )}
            </section>
            {data.can.answer && <AnswerForm ticketId={data.id} />}
          </article>
        )}
      </QueryState>
    </div>
  );
}
