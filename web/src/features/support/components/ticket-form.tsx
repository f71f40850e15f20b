import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  COST_CATEGORIES,
  DOCUMENT_TYPES,
  MERGE_REASONS,
  TICKET_ROLES,
  type Diagnostics,
  type TicketKind,
  type TicketSummary,
} from '@caliu/common';
import { ErrorAlert, alertClass } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import { useSectors, useTeams } from '@/lib/api/organization';
import { useCurrentUser } from '@/lib/auth';
import { useDateTimeFormat } from '@/lib/format';
import { useTicketFilesSlot } from '@/lib/ticket-files-slot';
import type { FailedTicketFile, TicketFilesSlot } from '@/lib/ticket-files-slot';
import { useEmailDomains } from '../api/lookups';
import { useCreateTicket } from '../api/tickets';
import { collectDiagnostics } from '../diagnostics';
import { showsCostCategory, toggleRole } from '../request-kinds';
import type { DraftOf } from '../request-kinds';
import { MAX_TICKET_FILES, useTicketForm } from '../use-ticket-form';
import { CheckboxField, RadioGroup, TextArea, TextInput } from './form-controls';
import { PersonChooser, ProfessionalSelect } from './pickers';
import styles from '../support.module.css';

type TicketFormProps<K extends TicketKind> = {
  kind: K;
  initial: DraftOf[K];
  /** The ticket is open; the files chosen with it that could not be attached, and why. */
  onSent: (ticket: TicketSummary, failedFiles: FailedTicketFile[]) => void;
  onCancel: () => void;
};

type Form<K extends TicketKind> = ReturnType<typeof useTicketForm<K>>;

/**
 * A support ticket's form: exactly its kind's fields, checked as typed with the contract's
 * schema and by the server for what needs the database; "Send" waits until all is well.
 */
export function TicketForm<K extends TicketKind>({
  kind,
  initial,
  onSent,
  onCancel,
}: TicketFormProps<K>) {
  const { t } = useTranslation();
  const [diagnostics] = useState(() => collectDiagnostics());
  const form = useTicketForm(kind, initial, diagnostics);
  const create = useCreateTicket();
  const slot = useTicketFilesSlot();
  const [sendingFiles, setSendingFiles] = useState(false);
  const id = useId();
  const statusId = `${id}-status`;
  const busy = create.isPending || sendingFiles;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!form.sendable || !form.body || busy) return;
    const files = slot ? form.files : [];
    create.mutate(form.body, {
      onSuccess: (ticket) => {
        if (!slot || files.length === 0) return onSent(ticket, []);
        // The ticket is open whatever happens to its files: a refused one is only reported.
        setSendingFiles(true);
        void slot.uploadToNewTicket(ticket.id, files).then((failed) => onSent(ticket, failed));
      },
    });
  };

  return (
    <form noValidate onSubmit={onSubmit} className={styles.form} aria-describedby={statusId}>
      <KindFields kind={kind} form={form} id={id} diagnostics={diagnostics} />
      {slot && <FilesField slot={slot} form={form} id={id} />}
      {form.formError && (
        <p role="alert" className={alertClass('error')}>
          {form.formError}
        </p>
      )}
      <ErrorAlert error={create.error} />
      <p id={statusId} role="status" className="muted">
        {form.check === 'checking'
          ? t('support.form.checking')
          : !form.sendable
            ? t('support.form.incomplete')
            : t('support.form.ready')}
      </p>
      <div className={fieldCss.formActions}>
        <Button type="submit" disabled={!form.sendable || busy}>
          {sendingFiles
            ? t('support.form.sendingFiles')
            : create.isPending
              ? t('support.form.sending')
              : t('support.form.send')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('support.form.back')}
        </Button>
      </div>
    </form>
  );
}

/** A screenshot or a few files to go with the ticket (optional; sent once it is open). */
function FilesField<K extends TicketKind>({
  slot,
  form,
  id,
}: {
  slot: TicketFilesSlot;
  form: Form<K>;
  id: string;
}) {
  const { t } = useTranslation();
  return (
    <FormField
      id={`${id}-files`}
      label={t('support.form.files')}
      hint={t('support.form.filesHint', { max: MAX_TICKET_FILES })}
      error={form.filesError}
    >
      {(control) => (
        <input
          {...control}
          type="file"
          multiple
          accept={slot.accept}
          onChange={(event) => form.setFiles([...(event.currentTarget.files ?? [])])}
        />
      )}
    </FormField>
  );
}

function KindFields<K extends TicketKind>({
  kind,
  form,
  id,
  diagnostics,
}: {
  kind: K;
  form: Form<K>;
  id: string;
  diagnostics: Diagnostics;
}) {
  switch (kind) {
    case 'new_professional':
      return <NewProfessionalFields form={form as unknown as Form<'new_professional'>} id={id} />;
    case 'merge_persons':
      return <MergePersonsFields form={form as unknown as Form<'merge_persons'>} id={id} />;
    case 'merge_case_files':
      return <MergeCaseFilesFields form={form as unknown as Form<'merge_case_files'>} id={id} />;
    case 'mass_transfer':
      return <MassTransferFields form={form as unknown as Form<'mass_transfer'>} id={id} />;
    case 'delete_case_files':
      return <DeleteCaseFilesFields form={form as unknown as Form<'delete_case_files'>} id={id} />;
    case 'connection_error':
      return (
        <ErrorFields
          form={form as unknown as Form<'export_error'>}
          id={id}
          diagnostics={diagnostics}
          kind="connection_error"
        />
      );
    case 'export_error':
      return (
        <ErrorFields
          form={form as unknown as Form<'export_error'>}
          id={id}
          diagnostics={diagnostics}
          kind="export_error"
        />
      );
    default:
      return <OtherFields form={form as unknown as Form<'other'>} id={id} />;
  }
}

/** What the note needs of a form: every kind but "other" has one. */
type NoteForm = {
  draft: unknown;
  error: (path: string) => string | undefined;
  touch: (path: string) => void;
  update: (next: { note: string }) => void;
};

/** The optional note every kind but "other" has. */
function NoteField({
  form,
  id,
  label,
  required = false,
}: {
  form: NoteForm;
  id: string;
  label?: string;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const draft = form.draft as { note: string };

  return (
    <TextArea
      id={`${id}-note`}
      label={label ?? t('support.form.note')}
      required={required}
      value={draft.note}
      error={form.error('note')}
      onChange={(note) => form.update({ note })}
      onBlur={() => form.touch('note')}
    />
  );
}

function NewProfessionalFields({ form, id }: { form: Form<'new_professional'>; id: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const teams = useTeams();
  const sectors = useSectors();
  const domains = useEmailDomains(me.permissions.includes('organization.manage'));
  const d = form.draft;
  const text = (field: 'givenName' | 'surnames' | 'documentNumber' | 'email') => ({
    id: `${id}-${field}`,
    label: t(`support.fields.${field}`),
    required: true,
    value: d[field],
    error: form.error(field),
    onChange: (value: string) => form.update({ [field]: value }),
    onBlur: () => form.touch(field),
  });
  const domainList = domains.data?.map((domain) => `@${domain}`).join(', ');
  return (
    <>
      <p className={styles.guidance}>{t('support.guidance.new_professional')}</p>
      <TextInput {...text('givenName')} />
      <TextInput {...text('surnames')} />
      <FormField id={`${id}-documentType`} label={t('support.fields.documentType')} required>
        {(control) => (
          <select
            {...control}
            value={d.documentType}
            onChange={(e) => {
              form.update({ documentType: e.target.value as (typeof DOCUMENT_TYPES)[number] });
              form.touch('documentNumber');
            }}
          >
            {DOCUMENT_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`professionals.documentTypes.${type}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <TextInput
        {...text('documentNumber')}
        hint={t(`professionals.documentHints.${d.documentType}`)}
      />
      <TextInput
        {...text('email')}
        type="email"
        hint={
          domainList
            ? t('support.form.emailDomains', { domains: domainList })
            : t('support.form.emailDomain')
        }
      />
      <FieldGroup
        id={`${id}-roles`}
        legend={t('support.fields.roles')}
        required
        error={form.error('roles')}
      >
        <div className={styles.choices}>
          {TICKET_ROLES.map((role) => (
            <label key={role} className={styles.choice}>
              <input
                type="checkbox"
                checked={d.roles.includes(role)}
                onChange={(e) => {
                  form.replace((current) => toggleRole(current, role, e.target.checked));
                  form.touch('roles');
                }}
              />
              {t(`roles.${role}`)}
            </label>
          ))}
        </div>
      </FieldGroup>
      {showsCostCategory(d.roles) && (
        <RadioGroup
          id={`${id}-costCategory`}
          label={t('support.fields.costCategory')}
          hint={t('support.form.costCategoryHint')}
          error={form.error('costCategory')}
          options={COST_CATEGORIES.map((c) => ({
            value: c,
            label: t('support.form.category', { category: c }),
          }))}
          value={d.costCategory}
          onChange={(costCategory) => {
            form.update({ costCategory });
            form.touch('costCategory');
          }}
        />
      )}
      <FormField
        id={`${id}-teamId`}
        label={t('support.fields.teamId')}
        required
        error={form.error('teamId')}
      >
        {(control) => (
          <select
            {...control}
            value={d.teamId}
            onChange={(e) => form.update({ teamId: e.target.value })}
            onBlur={() => form.touch('teamId')}
          >
            <option value="">{t('support.form.chooseOne')}</option>
            {(teams.data ?? []).map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id={`${id}-sectorId`}
        label={t('support.fields.sectorId')}
        required
        error={form.error('sectorId')}
      >
        {(control) => (
          <select
            {...control}
            value={d.sectorId}
            onChange={(e) => form.update({ sectorId: e.target.value })}
            onBlur={() => form.touch('sectorId')}
          >
            <option value="">{t('support.form.chooseOne')}</option>
            {(sectors.data ?? []).map((sector) => (
              <option key={sector.id} value={sector.id}>
                {sector.name}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <CheckboxField
        id={`${id}-firstAccessBySms`}
        label={t('support.fields.firstAccessBySms')}
        hint={t('support.form.smsHint')}
        checked={d.firstAccessBySms}
        onChange={(firstAccessBySms) => form.update({ firstAccessBySms })}
      />
      <NoteField form={form} id={id} />
    </>
  );
}

function MergePersonsFields({ form, id }: { form: Form<'merge_persons'>; id: string }) {
  const { t } = useTranslation();
  const d = form.draft;
  const chosen = d.persons.filter((p) => p !== null);
  const setPerson = (index: 0 | 1, person: (typeof d.persons)[0]) => {
    const persons: typeof d.persons = [...d.persons];
    persons[index] = person;
    const survivorId = persons.some((p) => p?.id === d.survivorId) ? d.survivorId : '';
    form.update({ persons, survivorId });
    form.touch(`personIds.${index}`);
  };
  return (
    <>
      <p className={styles.guidance}>{t('support.guidance.merge_persons')}</p>
      {([0, 1] as const).map((index) => (
        <PersonChooser
          key={index}
          id={`${id}-person${index}`}
          label={t(index === 0 ? 'support.fields.firstPerson' : 'support.fields.secondPerson')}
          value={d.persons[index]}
          error={form.error(`personIds.${index}`)}
          onChange={(person) => setPerson(index, person)}
          onBlur={() => form.touch(`personIds.${index}`)}
        />
      ))}
      {chosen.length > 0 && (
        <RadioGroup
          id={`${id}-survivorId`}
          label={t('support.fields.survivor')}
          error={form.error('survivorId')}
          options={chosen.map((p) => ({ value: p.id, label: p.name }))}
          value={d.survivorId}
          onChange={(survivorId) => {
            form.update({ survivorId });
            form.touch('survivorId');
          }}
        />
      )}
      <RadioGroup
        id={`${id}-reason`}
        label={t('support.fields.reason')}
        error={form.error('reason')}
        options={MERGE_REASONS.map((r) => ({ value: r, label: t(`support.mergeReasons.${r}`) }))}
        value={d.reason}
        onChange={(reason) => {
          form.update({ reason });
          form.touch('reason');
        }}
      />
      <NoteField form={form} id={id} required={d.reason === 'other'} />
    </>
  );
}

function MergeCaseFilesFields({ form, id }: { form: Form<'merge_case_files'>; id: string }) {
  const { t } = useTranslation();
  const d = form.draft;
  const typed = [...new Set(d.numbers.map((n) => n.trim()).filter(Boolean))];
  return (
    <>
      <p className={styles.guidance}>{t('support.guidance.merge_case_files')}</p>
      {([0, 1] as const).map((index) => (
        <TextInput
          key={index}
          id={`${id}-number${index}`}
          label={t(index === 0 ? 'support.fields.firstNumber' : 'support.fields.secondNumber')}
          hint={index === 0 ? t('support.form.numberHint') : undefined}
          required
          value={d.numbers[index]}
          error={form.error(`numbers.${index}`)}
          onChange={(value) => {
            const numbers: [string, string] = [...d.numbers];
            numbers[index] = value;
            const survivorNumber = numbers.includes(d.survivorNumber) ? d.survivorNumber : '';
            form.update({ numbers, survivorNumber });
          }}
          onBlur={() => form.touch(`numbers.${index}`)}
        />
      ))}
      {typed.length > 0 && (
        <RadioGroup
          id={`${id}-survivorNumber`}
          label={t('support.fields.survivorNumber')}
          error={form.error('survivorNumber')}
          options={typed.map((n) => ({ value: n, label: n }))}
          value={d.survivorNumber.trim()}
          onChange={(survivorNumber) => {
            form.update({ survivorNumber });
            form.touch('survivorNumber');
          }}
        />
      )}
      <NoteField form={form} id={id} />
    </>
  );
}

function MassTransferFields({ form, id }: { form: Form<'mass_transfer'>; id: string }) {
  const { t } = useTranslation();
  const d = form.draft;
  const yesNo = [
    { value: 'yes', label: t('support.form.yes') },
    { value: 'no', label: t('support.form.no') },
  ] as const;
  const asYesNo = (value: boolean | null) => (value === null ? '' : value ? 'yes' : 'no');
  return (
    <>
      <p className={styles.guidance}>{t('support.guidance.mass_transfer')}</p>
      <ProfessionalSelect
        id={`${id}-from`}
        label={t('support.fields.fromProfessionalId')}
        value={d.fromProfessionalId || null}
        error={form.error('fromProfessionalId')}
        onChange={(value) => form.update({ fromProfessionalId: value ?? '' })}
        onBlur={() => form.touch('fromProfessionalId')}
      />
      <ProfessionalSelect
        id={`${id}-to`}
        label={t('support.fields.toProfessionalId')}
        value={d.toProfessionalId || null}
        error={form.error('toProfessionalId')}
        onChange={(value) => form.update({ toProfessionalId: value ?? '' })}
        onBlur={() => form.touch('toProfessionalId')}
      />
      <RadioGroup
        id={`${id}-caseFiles`}
        label={t('support.fields.caseFiles')}
        error={form.error('caseFiles')}
        options={(['open_and_closed', 'open_only'] as const).map((value) => ({
          value,
          label: t(`support.caseFilesChoice.${value}`),
        }))}
        value={d.caseFiles}
        onChange={(caseFiles) => {
          form.update({ caseFiles });
          form.touch('caseFiles');
        }}
      />
      <RadioGroup
        id={`${id}-persons`}
        label={t('support.fields.persons')}
        error={form.error('persons')}
        options={yesNo}
        value={asYesNo(d.persons)}
        onChange={(value) => {
          form.update({ persons: value === 'yes' });
          form.touch('persons');
        }}
      />
      <RadioGroup
        id={`${id}-agenda`}
        label={t('support.fields.agenda')}
        hint={t('support.form.agendaHint')}
        error={form.error('agenda')}
        options={yesNo}
        value={asYesNo(d.agenda)}
        onChange={(value) => form.update({ agenda: value === 'yes' })}
      />
      <NoteField form={form} id={id} />
    </>
  );
}

function DeleteCaseFilesFields({ form, id }: { form: Form<'delete_case_files'>; id: string }) {
  const { t } = useTranslation();
  const d = form.draft;
  return (
    <>
      <p className={alertClass('warning')}>{t('support.guidance.delete_case_files')}</p>
      <FieldGroup
        id={`${id}-numbers`}
        legend={t('support.fields.numbers')}
        hint={t('support.form.numberHint')}
        required
        error={form.error('numbers')}
      >
        {d.numbers.map((number, index) => (
          <div key={index} className={styles.numberRow}>
            <TextInput
              id={`${id}-numbers-${index}`}
              label={t('support.form.numberN', { n: index + 1 })}
              required
              value={number}
              error={form.error(`numbers.${index}`)}
              onChange={(value) =>
                form.update({ numbers: d.numbers.map((n, i) => (i === index ? value : n)) })
              }
              onBlur={() => form.touch(`numbers.${index}`)}
            />
            {d.numbers.length > 1 && (
              <Button
                small
                variant="secondary"
                aria-label={t('support.form.removeNumberNamed', { n: index + 1 })}
                onClick={() => form.update({ numbers: d.numbers.filter((_, i) => i !== index) })}
              >
                {t('support.form.remove')}
              </Button>
            )}
          </div>
        ))}
        {d.numbers.length < 50 && (
          <Button
            small
            variant="secondary"
            onClick={() => form.update({ numbers: [...d.numbers, ''] })}
          >
            {t('support.form.addNumber')}
          </Button>
        )}
      </FieldGroup>
      <CheckboxField
        id={`${id}-nothingAttached`}
        label={t('support.fields.nothingAttached')}
        checked={d.nothingAttached}
        error={form.error('nothingAttached')}
        onChange={(nothingAttached) => {
          form.update({ nothingAttached });
          form.touch('nothingAttached');
        }}
      />
      <NoteField form={form} id={id} />
    </>
  );
}

/** The diagnostics a connection or export error carries, shown before it goes. */
export function DiagnosticsList({
  diagnostics,
  sent = false,
}: {
  diagnostics: Diagnostics;
  /** On a ticket already sent: "attached", not "will be attached". */
  sent?: boolean;
}) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className={styles.diagnostics}>
      <h4 id={headingId}>
        {t(sent ? 'support.diagnostics.attached' : 'support.diagnostics.title')}
      </h4>
      <dl>
        <dt>{t('support.diagnostics.request')}</dt>
        <dd>{diagnostics.request ?? t('support.diagnostics.none')}</dd>
        <dt>{t('support.diagnostics.requestId')}</dt>
        <dd>{diagnostics.requestId ?? t('support.diagnostics.none')}</dd>
        <dt>{t('support.diagnostics.page')}</dt>
        <dd>{diagnostics.page}</dd>
        <dt>{t('support.diagnostics.userAgent')}</dt>
        <dd>{diagnostics.userAgent}</dd>
        <dt>{t('support.diagnostics.at')}</dt>
        <dd>
          <time dateTime={diagnostics.at}>{formatDateTime(diagnostics.at)}</time>
        </dd>
      </dl>
    </section>
  );
}

function ErrorFields({
  form,
  id,
  diagnostics,
  kind,
}: {
  form: Form<'export_error'>;
  id: string;
  diagnostics: Diagnostics;
  kind: 'connection_error' | 'export_error';
}) {
  const { t } = useTranslation();
  return (
    <>
      <p className={alertClass('info')}>{t(`support.guidance.${kind}`)}</p>
      {kind === 'export_error' && (
        <TextInput
          id={`${id}-what`}
          label={t('support.fields.what')}
          hint={t('support.form.whatHint')}
          required
          value={form.draft.what}
          error={form.error('what')}
          onChange={(what) => form.update({ what })}
          onBlur={() => form.touch('what')}
        />
      )}
      <NoteField form={form} id={id} label={t('support.form.whatHappened')} />
      <DiagnosticsList diagnostics={diagnostics} />
    </>
  );
}

function OtherFields({ form, id }: { form: Form<'other'>; id: string }) {
  const { t } = useTranslation();
  return (
    <TextArea
      id={`${id}-text`}
      label={t('support.fields.text')}
      required
      rows={6}
      value={form.draft.text}
      error={form.error('text')}
      onChange={(text) => form.update({ text })}
      onBlur={() => form.touch('text')}
    />
  );
}
