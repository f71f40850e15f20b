import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { useActivate } from '../api/activate';
import { useActivation } from '../api/get-activation';
import { useLinkToken } from '../hooks/use-link-token';
import { LinkProblem } from './link-problem';
import type { LoginLocationState } from './login-page';
import { NewPasswordForm } from './new-password-form';
import { PublicPage } from '@/components/public-page';
import fieldCss from '@/components/ui/form-field.module.css';

/** The refusal of a link that is no longer live (used, replaced or expired). */
const deadLink = (error: Error | null) =>
  error instanceof ApiError && error.status === 404 ? error : null;

/**
 * First access (`/activate#token=…`): greets the professional by name, shows their username and
 * entity, and lets them choose a password; then the sign-in page, filled in.
 */
export function ActivationPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const token = useLinkToken();
  const info = useActivation(token);
  const activate = useActivate();

  const body = () => {
    if (!token) return <LinkProblem message={t('account.link.missing')} />;
    if (info.isPending) {
      return (
        <p role="status" className="muted">
          {t('common.loading')}
        </p>
      );
    }
    if (info.isError) return <LinkProblem message={info.error.message} />;
    const dead = deadLink(activate.error);
    if (dead) return <LinkProblem message={dead.message} />;
    const account = info.data;
    return (
      <>
        <p className="account-greeting">
          {t('account.activation.greeting', { name: account.givenName })}
        </p>
        <dl className="account-facts">
          <div>
            <dt>{t('auth.fields.entity')}</dt>
            <dd>{account.entityName}</dd>
          </div>
          <div>
            <dt>{t('auth.fields.username')}</dt>
            <dd className="account-facts__code">{account.username}</dd>
          </div>
        </dl>
        <p className={fieldCss.formIntro}>{t('account.activation.intro')}</p>
        <NewPasswordForm
          username={account.username}
          pending={activate.isPending}
          error={activate.error}
          onSubmit={(password) =>
            activate.mutate(
              { token, password },
              {
                onSuccess: (ready) => {
                  const state: LoginLocationState = { ready: { kind: 'activated', ...ready } };
                  navigate('/login', { replace: true, state });
                },
              },
            )
          }
        />
      </>
    );
  };

  return <PublicPage title={t('account.activation.title')}>{body()}</PublicPage>;
}
