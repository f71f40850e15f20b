import { useTranslation } from 'react-i18next';
import { useLogout } from '../api/logout';
import { buttonClass } from '@/components/ui/button';

export function SignOutButton() {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <button
      type="button"
      className={buttonClass({ variant: 'ghost' })}
      onClick={() => logout.mutate()}
      disabled={logout.isPending}
    >
      <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path
          d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4M10 16l-4-4 4-4M6 12h10"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <span>{t('auth.signOut')}</span>
    </button>
  );
}
