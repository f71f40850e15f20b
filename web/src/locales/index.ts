import { LANGUAGES, type Language } from '@caliu/common';
import type agenda from './en/agenda.json';
import type agendaSettings from './en/agenda-settings.json';
import type attachments from './en/attachments.json';
import type audit from './en/audit.json';
import type caseContent from './en/case-content.json';
import type caseFiles from './en/case-files.json';
import type caseload from './en/caseload.json';
import type catalogues from './en/catalogues.json';
import type caseTools from './en/case-tools.json';
import type communityHelp from './en/community-help.json';
import type coordinatorRequests from './en/coordinator-requests.json';
import type core from './en/core.json';
import type duplicates from './en/duplicates.json';
import type home from './en/home.json';
import type identity from './en/identity.json';
import type messaging from './en/messaging.json';
import type navigation from './en/navigation.json';
import type organization from './en/organization.json';
import type persons from './en/persons.json';
import type plans from './en/plans.json';
import type professionals from './en/professionals.json';
import type publicHelp from './en/public-help.json';
import type supportDesk from './en/support-desk.json';
import type support from './en/support.json';

/**
 * The console's translations: one folder per language, one file per area
 * (`locales/<lang>/<area>.json`), merged into one tree per language. Areas let features keep their
 * own strings without touching each other's files; keys must not collide. A new area adds its
 * English file to `Resources` below so that `t('…')` keys stay type-checked.
 */
export type Resources = typeof core &
  typeof communityHelp &
  typeof coordinatorRequests &
  typeof duplicates &
  typeof navigation &
  typeof audit &
  typeof messaging &
  typeof identity &
  typeof organization &
  typeof professionals &
  typeof persons &
  typeof caseFiles &
  typeof caseContent &
  typeof caseTools &
  typeof caseload &
  typeof plans &
  typeof catalogues &
  typeof attachments &
  typeof agenda &
  typeof agendaSettings &
  typeof publicHelp &
  typeof home &
  typeof supportDesk &
  typeof support;

type Tree = { [key: string]: string | Tree };

const files = import.meta.glob<Tree>('./*/*.json', { eager: true, import: 'default' });

function mergeInto(target: Tree, source: Tree, where: string) {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && (existing === undefined || typeof existing === 'object')) {
      target[key] = existing ?? {};
      mergeInto(target[key] as Tree, value, `${where}.${key}`);
    } else if (existing !== undefined) {
      throw new Error(`Duplicate translation key ${where}.${key}`);
    } else {
      target[key] = value;
    }
  }
}

function load(): Record<Language, Tree> {
  const merged = Object.fromEntries(LANGUAGES.map((l) => [l, {} as Tree])) as Record<
    Language,
    Tree
  >;
  for (const [path, tree] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const language = path.split('/')[1] as Language;
    if (merged[language]) mergeInto(merged[language], tree, language);
  }
  return merged;
}

/** Every language's merged translation tree. */
export const LOCALES = load();
