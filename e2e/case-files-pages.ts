import type { Page } from 'playwright-core';
import { TEXTS, type Lang } from './browser';

type Tab = keyof (typeof TEXTS)['en']['caseContent']['tabs'];

/** Opens a tab of the case file page's content (the timeline is shown first). */
export async function openTab(page: Page, lang: Lang, tab: Exclude<Tab, 'label'>): Promise<void> {
  const tabs = page.getByRole('tablist', { name: TEXTS[lang].caseContent.tabs.label });
  await tabs.getByRole('tab', { name: TEXTS[lang].caseContent.tabs[tab], exact: true }).click();
}
