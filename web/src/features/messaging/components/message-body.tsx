import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_FRAME_SANDBOX, emailSrcDoc, linkParts } from '../email-document';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import { TabList, tabPanelProps } from '@/components/ui/tabs';
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

  if (html === null) {
    return (
      <>
        <p className={cx(fieldCss.fieldHint, 'field__hint')}>{t('messaging.message.noHtml')}</p>
        <LinkedText text={text} className={styles.mailText} lang={language} />
      </>
    );
  }

  const label: Record<View, string> = {
    html: t('messaging.message.html'),
    text: t('messaging.message.text'),
  };

  return (
    <>
      <TabList
        label={t('messaging.message.formats')}
        tabs={VIEWS}
        labelOf={(tab) => label[tab]}
        selected={view}
        onSelect={setView}
        idPrefix={id}
      />
      <div {...tabPanelProps(id, 'html')} hidden={view !== 'html'} className={styles.mailTabsPanel}>
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
        {...tabPanelProps(id, 'text')}
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
