import { useTranslation } from 'react-i18next';
import { isLanguage } from '@caliu/common';
import { LANGUAGE_NAMES } from '@/lib/languages';

/** The message templates the console names in words; another is shown by its code. */
export const KNOWN_TEMPLATES = [
  'professional_activation',
  'professional_activation_sms',
  'password_reset',
] as const;

type KnownTemplate = (typeof KNOWN_TEMPLATES)[number];

function isKnownTemplate(code: string): code is KnownTemplate {
  return (KNOWN_TEMPLATES as readonly string[]).includes(code);
}

/** Names of templates, channels and languages in the console's language. */
export function useMessagingVocabulary() {
  const { t } = useTranslation();
  return {
    template: (code: string) => (isKnownTemplate(code) ? t(`messaging.templates.${code}`) : code),
    channel: (channel: 'email' | 'sms') => t(`messaging.channels.${channel}`),
    language: (code: string) => (isLanguage(code) ? LANGUAGE_NAMES[code] : code),
  };
}
