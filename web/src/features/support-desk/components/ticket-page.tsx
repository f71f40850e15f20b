import { useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ticketCommentCreateSchema } from '@caliu/common';
import type { Ticket, TicketStatus } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { QueryState } from '@/components/ui/query-state';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { useDateTimeFormat } from '@/lib/format';
import { TicketFiles } from '@/lib/ticket-files-slot';
import {
  useAgentTicket,
  useAssignTicket,
  useChangeTicketStatus,
  useCommentTicket,
  useSupportAgents,
} from '../api/support-desk';
import { fieldsInWords, type Translate } from '../fields-in-words';
import { TicketOperation } from './ticket-operation';
import styles from '../support-desk.module.css';

/** The statuses whose change the requester must be told why (common/src/support.ts). */
const NEEDS_COMMENT: readonly TicketStatus[] = ['rejected', 'waiting_requester'];

/**
 * What an action just did, in a live region mounted (empty) before it: one that appears already
 * filled may not be read out. Emptied when the action starts again, so that a repeat is read too.
 */
function Done({ children }: { children: string | false }) {
  return <div role="status">{children && <p className={styles.done}>{children}</p>}</div>;
}

function CommentForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const id = useId();
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState(false);
  const comment = useCommentTicket(ticket.entity.id, ticket.id);
  const valid = ticketCommentCreateSchema.safeParse({ body }).success;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!valid) return;
    setDone(false);
    comment.mutate(body, {
      onSuccess: () => {
        setBody('');
        setTouched(false);
        setDone(true);
      },
    });
  };
  return (
    <section aria-labelledby={`${id}-title`} className={styles.panel}>
      <h2 id={`${id}-title`} className="section-title">
        {t('supportDesk.ticket.comment.title')}
      </h2>
      <form noValidate onSubmit={onSubmit}>
        <FormField
          id={`${id}-body`}
          label={t('supportDesk.ticket.comment.label')}
          hint={t('supportDesk.ticket.comment.hint')}
          required
          error={touched && !valid ? t('supportDesk.ticket.comment.required') : undefined}
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              maxLength={4000}
              value={body}
              onChange={(event) => setBody(event.target.value)}
            />
          )}
        </FormField>
        <ErrorAlert error={comment.error} />
        <Button type="submit" disabled={comment.isPending}>
          {comment.isPending
            ? t('supportDesk.ticket.comment.sending')
            : t('supportDesk.ticket.comment.submit')}
        </Button>
        <Done>{done && t('supportDesk.ticket.comment.done')}</Done>
      </form>
    </section>
  );
}

function StatusForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const [done, setDone] = useState(false);
  const change = useChangeTicketStatus(ticket.entity.id, ticket.id);
  const statusError = status === '' ? t('supportDesk.ticket.status.statusRequired') : undefined;
  const commentError =
    status !== '' && NEEDS_COMMENT.includes(status) && comment.trim() === ''
      ? t('supportDesk.ticket.status.commentRequired')
      : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (status === '' || commentError) return;
    setDone(false);
    change.mutate(
      { status, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          setStatus('');
          setComment('');
          setTouched(false);
          setDone(true);
        },
      },
    );
  };
  return (
    <section aria-labelledby={`${id}-title`} className={styles.panel}>
      <h2 id={`${id}-title`} className="section-title">
        {t('supportDesk.ticket.status.title')}
      </h2>
      <form noValidate onSubmit={onSubmit}>
        <FormField
          id={`${id}-status`}
          label={t('supportDesk.ticket.status.label')}
          required
          error={touched ? statusError : undefined}
        >
          {(control) => (
            <select
              {...control}
              value={status}
              onChange={(event) => setStatus(event.target.value as TicketStatus | '')}
            >
              <option value="">{t('supportDesk.ticket.status.choose')}</option>
              {ticket.can.changeStatus.map((next) => (
                <option key={next} value={next}>
                  {t(`supportDesk.statuses.${next}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id={`${id}-comment`}
          label={t('supportDesk.ticket.status.comment')}
          hint={t('supportDesk.ticket.status.hint')}
          required={status !== '' && NEEDS_COMMENT.includes(status)}
          error={touched ? commentError : undefined}
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              maxLength={4000}
              value={comment}
              onChange={(event) => setComment(event.target.value)}
            />
          )}
        </FormField>
        <ErrorAlert error={change.error} />
        <Button type="submit" disabled={change.isPending}>
          {t('supportDesk.ticket.status.submit')}
        </Button>
        <Done>{done && t('supportDesk.ticket.status.done')}</Done>
      </form>
    </section>
  );
}

function AssignForm({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const id = useId();
  const me = useCurrentUser();
  const agents = useSupportAgents();
  const [agentId, setAgentId] = useState('');
  const [done, setDone] = useState(false);
  const assign = useAssignTicket(ticket.entity.id, ticket.id);
  const run = (to: string | null) => {
    setDone(false);
    assign.mutate(to, {
      onSuccess: () => {
        setAgentId('');
        setDone(true);
      },
    });
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (agentId) run(agentId);
  };
  const others = (agents.data?.items ?? []).filter((agent) => agent.id !== ticket.assignee?.id);
  return (
    <section aria-labelledby={`${id}-title`} className={styles.panel}>
      <h2 id={`${id}-title`} className="section-title">
        {t('supportDesk.ticket.assign.title')}
      </h2>
      <p>
        {ticket.assignee
          ? t('supportDesk.ticket.assign.current', { name: ticket.assignee.name })
          : t('supportDesk.ticket.assign.nobody')}
      </p>
      <div className={styles.actions}>
        {ticket.assignee?.id !== me.id && (
          <Button variant="secondary" disabled={assign.isPending} onClick={() => run(me.id)}>
            {t('supportDesk.ticket.assign.toMe')}
          </Button>
        )}
        {ticket.assignee && (
          <Button variant="secondary" disabled={assign.isPending} onClick={() => run(null)}>
            {t('supportDesk.ticket.assign.unassign')}
          </Button>
        )}
      </div>
      <form noValidate onSubmit={onSubmit} className={styles.inlineForm}>
        <FormField id={`${id}-agent`} label={t('supportDesk.ticket.assign.agent')}>
          {(control) => (
            <select {...control} value={agentId} onChange={(e) => setAgentId(e.target.value)}>
              <option value="">{t('supportDesk.ticket.assign.chooseAgent')}</option>
              {others.map((agent) => (
                <option key={agent.id} value={agent.id}>
                  {agent.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <Button type="submit" disabled={assign.isPending || !agentId}>
          {t('supportDesk.ticket.assign.submit')}
        </Button>
      </form>
      <ErrorAlert error={assign.error} />
      <Done>{done && t('supportDesk.ticket.assign.done')}</Done>
    </section>
  );
}

function TicketView({ ticket, onChanged }: { ticket: Ticket; onChanged: () => void }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const id = useId();
  useDocumentTitle(t('supportDesk.ticket.title', { number: ticket.number }));
  const translate: Translate = (key, options) =>
    t(key as never, options as never) as unknown as string;
  const lines = fieldsInWords(ticket, translate, formatDateTime);
  const when = (iso: string | null) =>
    iso ? <time dateTime={iso}>{formatDateTime(iso)}</time> : t('supportDesk.notYet');
  const summary: [string, ReactNode][] = [
    [t('supportDesk.ticket.entity'), `${ticket.entity.name} (${ticket.entity.code})`],
    [
      t('supportDesk.ticket.requester'),
      ticket.requester.email
        ? `${ticket.requester.name} · ${ticket.requester.email}`
        : ticket.requester.name,
    ],
    [t('supportDesk.ticket.kind'), t(`supportDesk.kinds.${ticket.kind}`)],
    [t('supportDesk.ticket.currentStatus'), t(`supportDesk.statuses.${ticket.status}`)],
    [t('supportDesk.ticket.openedAt'), when(ticket.createdAt)],
    [t('supportDesk.ticket.assignee'), ticket.assignee?.name ?? t('supportDesk.unassigned')],
    [t('supportDesk.ticket.firstResponseAt'), when(ticket.firstResponseAt)],
    [t('supportDesk.ticket.resolvedAt'), when(ticket.resolvedAt)],
  ];
  return (
    <>
      <h1 className="page__title">{t('supportDesk.ticket.title', { number: ticket.number })}</h1>
      <p className="page__lead">{ticket.subject}</p>
      <section aria-labelledby={`${id}-summary`}>
        <h2 id={`${id}-summary`} className="visually-hidden">
          {t('supportDesk.ticket.summary')}
        </h2>
        <dl className={styles.facts}>
          {summary.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby={`${id}-fields`} className={styles.panel}>
        <h2 id={`${id}-fields`} className="section-title">
          {t('supportDesk.ticket.fields')}
        </h2>
        <dl className={styles.facts}>
          {lines.map((line) => (
            <div key={line.key}>
              <dt>{line.label}</dt>
              <dd>
                {line.values.length === 1 ? (
                  line.values[0]
                ) : (
                  <ul className={styles.values}>
                    {line.values.map((value, index) => (
                      <li key={index}>{value}</li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
          ))}
        </dl>
      </section>
      <TicketFiles
        ticket={ticket}
        reader="agent"
        headingLevel={2}
        className={styles.panel}
        onChanged={onChanged}
      />
      <section aria-labelledby={`${id}-history`} className={styles.panel}>
        <h2 id={`${id}-history`} className="section-title">
          {t('supportDesk.ticket.history')}
        </h2>
        {ticket.events.length === 0 ? (
          <p className="muted">{t('supportDesk.ticket.noEvents')}</p>
        ) : (
          <ol className={styles.history}>
            {ticket.events.map((event) => (
              <li key={event.id} className={event.side === 'agent' ? styles.agentEvent : undefined}>
                <p className={styles.eventMeta}>
                  <strong>{event.authorName}</strong>
                  {event.side === 'agent' && <> ({t('supportDesk.ticket.support')})</>} ·{' '}
                  <time dateTime={event.createdAt}>{formatDateTime(event.createdAt)}</time>
                  {event.status && (
                    <>
                      {' · '}
                      {t('supportDesk.ticket.movedTo', {
                        status: t(`supportDesk.statuses.${event.status}`),
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
      {(ticket.operation || ticket.can.operate) && (
        <TicketOperation ticket={ticket} onChanged={onChanged} />
      )}
      {ticket.can.assign && <AssignForm ticket={ticket} />}
      {ticket.can.changeStatus.length > 0 && <StatusForm ticket={ticket} />}
      {ticket.can.comment && <CommentForm ticket={ticket} />}
    </>
  );
}

/** One ticket of a council, for the agents: what was asked in words, its history, the actions. */
export function SupportTicketPage() {
  const { t } = useTranslation();
  const { entityId = '', ticketId = '' } = useParams();
  const ticket = useAgentTicket(entityId, ticketId);
  return (
    <div className="page">
      <p>
        <Link to="/support">{t('supportDesk.ticket.back')}</Link>
      </p>
      <QueryState query={ticket} inline={false}>
        {(data) => <TicketView ticket={data} onChanged={() => void ticket.refetch()} />}
      </QueryState>
    </div>
  );
}
