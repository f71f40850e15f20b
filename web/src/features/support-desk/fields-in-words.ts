import type { Ticket, TicketKind } from '@caliu/common';

/** A translator: `t` of react-i18next, or any function of a key and its values. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One line of what a ticket asks: the field's name and its value(s) in words. */
export type FieldLine = { key: string; label: string; values: string[] };

/** The fields of each kind, in the order the form asks them (common/src/support.ts). */
export const FIELD_ORDER: Record<TicketKind, readonly string[]> = {
  new_professional: [
    'givenName',
    'surnames',
    'documentType',
    'documentNumber',
    'email',
    'roles',
    'teamId',
    'sectorId',
    'costCategory',
    'firstAccessBySms',
    'note',
  ],
  merge_persons: ['personIds', 'survivorId', 'reason', 'note'],
  merge_case_files: ['numbers', 'survivorNumber', 'note'],
  mass_transfer: [
    'fromProfessionalId',
    'toProfessionalId',
    'caseFiles',
    'persons',
    'agenda',
    'note',
  ],
  delete_case_files: ['numbers', 'nothingAttached', 'note'],
  connection_error: ['diagnostics', 'note'],
  export_error: ['what', 'diagnostics', 'note'],
  other: ['text'],
};

const PERSON_FIELDS = new Set(['personIds', 'survivorId']);
const PROFESSIONAL_FIELDS = new Set(['fromProfessionalId', 'toProfessionalId']);
const CASE_FILE_FIELDS = new Set(['numbers', 'survivorNumber']);
const DIAGNOSTICS_KEYS = ['requestId', 'request', 'page', 'userAgent', 'at'] as const;
const COUNT_KEYS = [
  'interventions',
  'demands',
  'problems',
  'resources',
  'procedures',
  'plans',
  'attachments',
  'merged',
] as const;

/** `2026/34` and `2026/000034` are the same case file number. */
export function sameCaseFileNumber(a: string, b: string): boolean {
  const parse = (n: string) => {
    const match = /^\s*(\d{4})\s*\/\s*(\d+)\s*$/.exec(n);
    return match ? `${match[1]}/${Number(match[2])}` : n.trim();
  };
  return parse(a) === parse(b);
}

/**
 * A ticket's fields in words for the agents: labels, choices as the form worded them, and every
 * record named by what they may see of it — persons by name and masked document with their
 * number of case files, case files by number with their state and what hangs from them,
 * professionals by name with their caseload's size, teams and sectors by name. A record the
 * references do not hold reads as "not found".
 */
export function fieldsInWords(
  ticket: Pick<Ticket, 'kind' | 'fields' | 'references'>,
  t: Translate,
  formatDateTime: (iso: string) => string,
): FieldLine[] {
  const { references } = ticket;
  const notFound = (value: string) => t('supportDesk.values.notFound', { value });

  const person = (id: string) => {
    const found = references.persons.find((p) => p.id === id);
    if (!found) return notFound(id);
    const document = found.document ?? t('supportDesk.values.noDocument');
    const files = t('supportDesk.values.caseFilesOf', { count: found.caseFiles });
    return `${found.name} (${document}) · ${files}`;
  };
  const caseFile = (number: string) => {
    const found = references.caseFiles.find((c) => sameCaseFileNumber(c.number, number));
    if (!found) return notFound(number);
    const counts = COUNT_KEYS.filter((key) => (found.counts[key] ?? 0) > 0).map((key) =>
      t(`supportDesk.values.counts.${key}`, { count: found.counts[key] }),
    );
    const hanging = counts.length > 0 ? counts.join(', ') : t('supportDesk.values.nothingHangs');
    return `${found.number} (${t(`supportDesk.values.${found.state}`)}) · ${hanging}`;
  };
  const professional = (id: string) => {
    const found = references.professionals.find((p) => p.id === id);
    if (!found) return notFound(id);
    const files = t('supportDesk.values.caseFilesOf', { count: found.caseFiles });
    const persons = t('supportDesk.values.personsOf', { count: found.persons });
    return `${found.name} · ${files}, ${persons}`;
  };
  const named = (list: readonly { id: string; name: string }[], id: string) =>
    list.find((item) => item.id === id)?.name ?? notFound(id);

  const one = (key: string, value: unknown): string => {
    if (typeof value === 'boolean')
      return value ? t('supportDesk.values.yes') : t('supportDesk.values.no');
    if (value === null || value === undefined || value === '') return '—';
    const text = String(value);
    if (PERSON_FIELDS.has(key)) return person(text);
    if (PROFESSIONAL_FIELDS.has(key)) return professional(text);
    if (CASE_FILE_FIELDS.has(key)) return caseFile(text);
    switch (key) {
      case 'teamId':
        return named(references.teams, text);
      case 'sectorId':
        return named(references.sectors, text);
      case 'roles':
        return t(`roles.${text}`, { defaultValue: text });
      case 'documentType':
        return t(`professionals.documentTypes.${text}`, { defaultValue: text });
      case 'reason':
        return t(`supportDesk.values.mergeReasons.${text}`, { defaultValue: text });
      case 'caseFiles':
        return t(`supportDesk.values.caseFilesChoice.${text}`, { defaultValue: text });
      default:
        return text;
    }
  };

  const values = (key: string, value: unknown): string[] => {
    if (key === 'diagnostics' && value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      return DIAGNOSTICS_KEYS.filter((k) => record[k] !== null && record[k] !== undefined).map(
        (k) => {
          const raw = String(record[k]);
          const shown = k === 'at' ? formatDateTime(raw) : raw;
          return `${t(`supportDesk.values.diagnostics.${k}`)}: ${shown}`;
        },
      );
    }
    if (Array.isArray(value)) return value.map((item) => one(key, item));
    return [one(key, value)];
  };

  const order = FIELD_ORDER[ticket.kind];
  const keys = [
    ...order.filter((key) => key in ticket.fields),
    ...Object.keys(ticket.fields).filter((key) => !order.includes(key)),
  ];
  return keys.map((key) => ({
    key,
    label: t(`supportDesk.fields.${key}`, { defaultValue: key }),
    values: values(key, ticket.fields[key]),
  }));
}
