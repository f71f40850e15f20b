import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_FRAME_SANDBOX, emailSrcDoc, linkParts } from '../email-document';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../messaging.module.css';

type EmailBodyProps = {
  html: string | null;
  text: string;
  subject: string;
  language: string;
};

const VIEWS = ['html', 'text'] as const;
type View = (typeof VIEWS)[number];

/**
 * An email's two parts as tabs: the HTML part in a sandboxed frame (no scripts, no same origin;
 * links open in a new tab), and the plain-text part.
 */
export function EmailBody({ html, text, subject, language }: EmailBodyProps) {
  const { t } = useTranslation();
  const id = useId();
  const [view, setView] = useState<View>('html');
  const tabs = useRef<Partial<Record<View, HTMLButtonElement | null>>>({});

  if (html === null) {
    return (
      <>
        <p className={cx(fieldCss.fieldHint, 'field__hint')}>{t('messaging.message.noHtml')}</p>
        <LinkedText text={text} className={styles.mailText} lang={language} />
      </>
    );
  }

  const choose = (next: View) => {
    setView(next);
    tabs.current[next]?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = VIEWS.indexOf(view);
    const moves: Record<string, number> = {
      ArrowRight: (index + 1) % VIEWS.length,
      ArrowLeft: (index - 1 + VIEWS.length) % VIEWS.length,
      Home: 0,
      End: VIEWS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    choose(VIEWS[target] ?? view);
  };
  const label: Record<View, string> = {
    html: t('messaging.message.html'),
    text: t('messaging.message.text'),
  };

  return (
    <>
      <div role="tablist" aria-label={t('messaging.message.formats')} className={styles.mailTabs}>
        {VIEWS.map((tab) => (
          <button
            key={tab}
            ref={(element) => {
              tabs.current[tab] = element;
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-selected={view === tab}
            aria-controls={`${id}-panel-${tab}`}
            tabIndex={view === tab ? 0 : -1}
            className={styles.mailTabsTab}
            onClick={() => setView(tab)}
            onKeyDown={onKeyDown}
          >
            {label[tab]}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel-html`}
        aria-labelledby={`${id}-tab-html`}
        hidden={view !== 'html'}
        className={styles.mailTabsPanel}
      >
        <p className={cx(fieldCss.fieldHint, 'field__hint')}>{t('messaging.message.linksHint')}</p>
        <iframe
          className="mail-frame"
          title={t('messaging.message.frameTitle', { subject })}
          sandbox={EMAIL_FRAME_SANDBOX}
          srcDoc={emailSrcDoc(html)}
          referrerPolicy="no-referrer"
        />
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel-text`}
        aria-labelledby={`${id}-tab-text`}
        hidden={view !== 'text'}
        className={styles.mailTabsPanel}
        tabIndex={0}
      >
        <LinkedText text={text} className={styles.mailText} lang={language} />
      </div>
    </>
  );
}

/** Plain text as it was sent, its web addresses made links that open in a new tab. */
export function LinkedText({
  text,
  className,
  lang,
}: {
  text: string;
  className: string | undefined;
  lang?: string;
}) {
  return (
    <div className={className} lang={lang}>
      {linkParts(text).map((part, index) =>
        part.kind === 'link' ? (
          <a key={index} href={part.url} target="_blank" rel="noopener noreferrer">
            {part.url}
          </a>
        ) : (
          part.text
        ),
      )}
    </div>
  );
}
