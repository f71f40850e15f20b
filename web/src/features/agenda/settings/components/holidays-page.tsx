import { HolidaysPanel } from './holidays-panel';
import { SettingsPage, useNotice } from './settings-page';

/** The public holidays among the agenda settings (read-only but for the administrator). */
export function HolidaysPage() {
  const [notice, say] = useNotice();
  return (
    <SettingsPage section="holidays" notice={notice}>
      <HolidaysPanel onDone={say} />
    </SettingsPage>
  );
}

/**
 * The administrator's page of the entity's public holidays (a section of its own: the
 * administrator has no agenda, so no agenda settings).
 */
export function AdminHolidaysPage() {
  const [notice, say] = useNotice();
  return (
    <SettingsPage section="holidays" tabs={false} notice={notice}>
      <HolidaysPanel onDone={say} />
    </SettingsPage>
  );
}
