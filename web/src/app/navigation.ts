import type { ComponentType } from 'react';
import type { Permission } from '@caliu/common';
import { AuditPage } from '@/features/audit/components/audit-page';
import type { Resources } from '@/locales';

/** A section's name: a key of `navigation.sections` in locales/<lang>/navigation.json. */
export type SectionLabel = keyof Resources['navigation']['sections'];

/** One section of the console: its address, its name in the menu, who may open it, its page. */
export type Section = {
  path: `/${string}`;
  label: SectionLabel;
  permission: Permission;
  page: ComponentType;
};

/**
 * The console's sections, in menu order. One entry gives a section its route, its guard (a user
 * without the permission gets the not-found page) and its link in the section bar, shown only to
 * users who hold the permission. A new feature adds one line here and its label in
 * navigation.json.
 */
export const SECTIONS: readonly Section[] = [
  { path: '/audit', label: 'audit', permission: 'audit.view', page: AuditPage },
];

/** The sections a user with these permissions may open. */
export function sectionsFor(permissions: readonly Permission[]): Section[] {
  return SECTIONS.filter((section) => permissions.includes(section.permission));
}
