import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { useResetPassword } from '../api/reset-password';
import { useLinkToken } from '../hooks/use-link-token';
import { LinkProblem } from './link-problem';
import type { LoginLocationState } from './login-page';
import { NewPasswordForm } from './new-password-form';
import { PublicPage } from '@/components/public-page';
import fieldCss from '@/components/ui/form-field.module.css';

/** A forgotten password (`/reset-password#token=…`): choose a new one, then sign in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useLinkToken();
  const reset = useResetPassword();
  const error = reset.error;

  const body = () => {
    if (!token) return <LinkProblem message={t('account.link.missing')} />;
    if (error instanceof ApiError && error.status === 404) {
      return <LinkProblem message={error.message} />;
    }
    return (
      <>
        <p className={fieldCss.formIntro}>{t('account.reset.intro')}</p>
        <NewPasswordForm
          pending={reset.isPending}
          error={error}
          onSubmit={(password) =>
            reset.mutate(
              { token, password },
              {
                onSuccess: (ready) => {
                  const state: LoginLocationState = {
                    ready: { kind: 'password_reset', ...ready },
                  };
                  navigate('/login', { replace: true, state });
                },
              },
            )
          }
        />
      </>
    );
  };

  return <PublicPage title={t('account.reset.title')}>{body()}</PublicPage>;
}
