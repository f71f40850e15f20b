import { useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { cx } from '@/lib/cx';
import { tabAfterKey } from '@/lib/tab-keys';
import styles from './tabs.module.css';

type TabListProps<T extends string> = {
  /** What the tabs choose between, for screen readers. */
  label: string;
  tabs: readonly T[];
  labelOf: (tab: T) => string;
  selected: T;
  /** `key`: moved to with the arrows, Home or End (the focus follows); `click` otherwise. */
  onSelect: (tab: T, how: 'click' | 'key') => void;
  /** The ids of the tabs and their panels start with it (useId). */
  idPrefix: string;
  /** `selected`: only the chosen tab's panel is drawn (the others have none to point at). */
  panels?: 'all' | 'selected';
  className?: string;
};

/** The ids that tie a tab to its panel. */
export const tabIds = (idPrefix: string, tab: string) => ({
  tab: `${idPrefix}-tab-${tab}`,
  panel: `${idPrefix}-panel-${tab}`,
});

/** What a tab's panel carries: its role, its id, and the tab that names it. */
export function tabPanelProps(idPrefix: string, tab: string) {
  const ids = tabIds(idPrefix, tab);
  return { role: 'tabpanel', id: ids.panel, 'aria-labelledby': ids.tab } as const;
}

/**
 * A row of tabs (the WAI-ARIA tabs pattern): one tab stop, the arrows, Home and End move along
 * the tabs and choose as they go.
 */
export function TabList<T extends string>({
  label,
  tabs,
  labelOf,
  selected,
  onSelect,
  idPrefix,
  panels = 'all',
  className,
}: TabListProps<T>) {
  const buttons = useRef<Partial<Record<string, HTMLButtonElement | null>>>({});
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const target = tabAfterKey(tabs, selected, event.key);
    if (target === null) return;
    event.preventDefault();
    onSelect(target, 'key');
    buttons.current[target]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className={cx(styles.tabs, className)}>
      {tabs.map((tab) => {
        const ids = tabIds(idPrefix, tab);
        return (
          <button
            key={tab}
            ref={(element) => {
              buttons.current[tab] = element;
            }}
            type="button"
            role="tab"
            id={ids.tab}
            aria-selected={tab === selected}
            aria-controls={panels === 'all' || tab === selected ? ids.panel : undefined}
            tabIndex={tab === selected ? 0 : -1}
            className={styles.tabsTab}
            onClick={() => onSelect(tab, 'click')}
            onKeyDown={onKeyDown}
          >
            {labelOf(tab)}
          </button>
        );
      })}
    </div>
  );
}
