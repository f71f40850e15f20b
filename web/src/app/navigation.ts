import type { ComponentType } from 'react';
import type { Permission } from '@caliu/common';
import { AdminHolidaysPage } from '@/features/agenda/settings/components/holidays-page';
import { AgendaPage } from '@/features/agenda/components/agenda-page';
import { AuditPage } from '@/features/audit/components/audit-page';
import { PersonAccessReportPage } from '@/features/audit/components/person-access-report-page';
import { CaseloadPage } from '@/features/caseload/components/caseload-page';
import { CaseFilePage } from '@/features/case-files/components/case-file-page';
import { CaseFilesPage } from '@/features/case-files/components/case-files-page';
import { DuplicatesPage } from '@/features/duplicates/components/duplicates-page';
import { HelpRequestPage } from '@/features/community-help/components/help-request-page';
import { HelpRequestsPage } from '@/features/community-help/components/help-requests-page';
import { NewHelpRequestPage } from '@/features/community-help/components/new-help-request-page';
import { EditCaseFilePage } from '@/features/case-files/components/edit-case-file-page';
import { NewCaseFilePage } from '@/features/case-files/components/new-case-file-page';
import { FailedMessagesPage } from '@/features/messaging/components/failed-messages-page';
import { MailboxMessagePage } from '@/features/messaging/components/mailbox-message-page';
import { MailboxPage } from '@/features/messaging/components/mailbox-page';
import { CataloguesPage } from '@/features/organization/components/catalogues-page';
import { EntitySettingsPage } from '@/features/organization/components/entity-settings-page';
import { MunicipalitiesPage } from '@/features/organization/components/municipalities-page';
import { NewTeamPage } from '@/features/organization/components/new-team-page';
import { SectorsPage } from '@/features/organization/components/sectors-page';
import { TeamPage } from '@/features/organization/components/team-page';
import { TeamsPage } from '@/features/organization/components/teams-page';
import { EditPersonPage } from '@/features/persons/components/edit-person-page';
import { NewPersonPage } from '@/features/persons/components/new-person-page';
import { PersonPage } from '@/features/persons/components/person-page';
import { PersonsSearchPage } from '@/features/persons/components/persons-search-page';
import { NewProfessionalPage } from '@/features/professionals/components/new-professional-page';
import { ProfessionalPage } from '@/features/professionals/components/professional-page';
import { ProfessionalsPage } from '@/features/professionals/components/professionals-page';
import { SupportDashboardPage } from '@/features/support-desk/components/dashboard-page';
import { SupportQueuePage } from '@/features/support-desk/components/queue-page';
import { SupportTicketPage } from '@/features/support-desk/components/ticket-page';
import type { Resources } from '@/locales';

/** A section's name: a key of `navigation.sections` in locales/<lang>/navigation.json. */
export type SectionLabel = keyof Resources['navigation']['sections'];

/** A page under a section's address (`<section path>/<path>`), behind the section's guard. */
export type Subpage = {
  /** Relative to the section's path; may hold parameters (`:teamId`). */
  path: string;
  page: ComponentType;
  /** A stricter permission than the section's, when the page needs one. */
  permission?: Permission;
};

/** One section of the console: its address, its name in the menu, who may open it, its page. */
export type Section = {
  path: `/${string}`;
  label: SectionLabel;
  permission: Permission;
  page: ComponentType;
  /** Its other pages (a record's page, a form); the menu link stays lit on them. */
  subpages?: readonly Subpage[];
};

/**
 * The console's sections, in menu order. One entry gives a section its route, its guard (a user
 * without the permission gets the not-found page) and its link in the section bar, shown only to
 * users who hold the permission. A new feature adds one line here and its label in
 * navigation.json.
 */
export const SECTIONS: readonly Section[] = [
  {
    path: '/persons',
    label: 'persons',
    permission: 'persons.view_basic',
    page: PersonsSearchPage,
    subpages: [
      { path: 'new', page: NewPersonPage, permission: 'persons.edit_basic' },
      { path: 'duplicates', page: DuplicatesPage, permission: 'persons.duplicates' },
      { path: ':personId', page: PersonPage },
      { path: ':personId/edit', page: EditPersonPage, permission: 'persons.edit_basic' },
    ],
  },
  {
    path: '/case-files',
    label: 'caseFiles',
    permission: 'case_files.view',
    page: CaseFilesPage,
    subpages: [
      { path: 'new', page: NewCaseFilePage, permission: 'case_files.create' },
      { path: ':caseFileId', page: CaseFilePage },
      { path: ':caseFileId/edit', page: EditCaseFilePage, permission: 'case_files.edit' },
    ],
  },
  // Community help (issue 22): the operators' table of help requests.
  {
    path: '/help-requests',
    label: 'helpRequests',
    permission: 'help_requests.manage',
    page: HelpRequestsPage,
    subpages: [
      { path: 'new', page: NewHelpRequestPage },
      { path: ':requestId', page: HelpRequestPage },
    ],
  },
  {
    path: '/agenda',
    label: 'agenda',
    permission: 'agenda.view',
    page: AgendaPage,
  },
  {
    path: '/organization',
    label: 'organization',
    permission: 'organization.manage',
    page: EntitySettingsPage,
    subpages: [
      { path: 'municipalities', page: MunicipalitiesPage },
      { path: 'sectors', page: SectorsPage },
      { path: 'catalogues', page: CataloguesPage },
    ],
  },
  {
    path: '/teams',
    label: 'teams',
    permission: 'teams.configure_members',
    page: TeamsPage,
    subpages: [
      { path: 'new', page: NewTeamPage, permission: 'organization.manage' },
      { path: ':teamId', page: TeamPage },
      { path: ':teamId/caseload', page: CaseloadPage, permission: 'caseload.manage' },
    ],
  },
  {
    path: '/professionals',
    label: 'professionals',
    permission: 'teams.configure_members',
    page: ProfessionalsPage,
    subpages: [
      { path: 'new', page: NewProfessionalPage, permission: 'organization.manage' },
      { path: ':professionalId', page: ProfessionalPage },
    ],
  },
  {
    path: '/audit',
    label: 'audit',
    permission: 'audit.view',
    page: AuditPage,
    subpages: [{ path: 'person', page: PersonAccessReportPage }],
  },
  // The support agents' console (support.resolve: the support agent alone).
  {
    path: '/support',
    label: 'supportDesk',
    permission: 'support.resolve',
    page: SupportQueuePage,
    subpages: [
      { path: 'dashboard', page: SupportDashboardPage },
      { path: ':entityId/:ticketId', page: SupportTicketPage },
    ],
  },
  {
    path: '/mailbox',
    label: 'mailbox',
    permission: 'mailbox.view',
    page: MailboxPage,
    subpages: [{ path: ':id', page: MailboxMessagePage }],
  },
  {
    path: '/outbox/failed',
    label: 'failedMessages',
    permission: 'organization.manage',
    page: FailedMessagesPage,
  },
  // The agenda's public holidays, the administrator's (who has no agenda): the other agenda
  // settings are under /agenda/settings (router.tsx).
  {
    path: '/holidays',
    label: 'holidays',
    permission: 'organization.manage',
    page: AdminHolidaysPage,
  },
];

/** Every page of the sections, with the permission that guards it: what the router serves. */
export function sectionRoutes(): { path: string; permission: Permission; page: ComponentType }[] {
  return SECTIONS.flatMap((section) => [
    { path: section.path, permission: section.permission, page: section.page },
    ...(section.subpages ?? []).map((subpage) => ({
      path: `${section.path}/${subpage.path}`,
      permission: subpage.permission ?? section.permission,
      page: subpage.page,
    })),
  ]);
}

/** The sections a user with these permissions may open. */
export function sectionsFor(permissions: readonly Permission[]): Section[] {
  return SECTIONS.filter((section) => permissions.includes(section.permission));
}
