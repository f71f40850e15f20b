import { useEffect, useRef } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { SessionExpiryDialog } from '@/features/auth/components/session-expiry-dialog';
import { onUnauthorized } from '@/lib/api-client';
import { endSession, useCurrentUser } from '@/lib/auth';
import { NavBar } from './nav-bar';
import { RequireAuth } from './require-auth';
import { SectionNav } from './section-nav';

/** Ends the session on this console when the API says it is over (401). */
function useEndSessionOnUnauthorized() {
  const queryClient = useQueryClient();
  useEffect(() => onUnauthorized(() => endSession(queryClient, 'expired')), [queryClient]);
}

/** Moves focus to the new page's main region after client-side navigation. */
function useFocusMainOnNavigation() {
  const { pathname } = useLocation();
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [pathname]);
  return mainRef;
}

/** Where the whole console is: a user who must still set up a second factor stays there. */
const ENROLMENT_PAGE = '/profile';

function SignedInLayout() {
  const { t } = useTranslation();
  const mainRef = useFocusMainOnNavigation();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  useEndSessionOnUnauthorized();
  // The entity requires a second factor the user has not set up: the API refuses everything
  // else until they do, so the console keeps them on the page where they set it up.
  const mustEnrol = me.secondFactor?.enrolmentRequired === true;
  return (
    <div className="console">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <NavBar />
      {!mustEnrol && <SectionNav />}
      <main id="main" ref={mainRef} className="console__main" tabIndex={-1}>
        {mustEnrol && pathname !== ENROLMENT_PAGE ? (
          <Navigate to={ENROLMENT_PAGE} replace />
        ) : (
          <Outlet />
        )}
      </main>
      <SessionExpiryDialog />
    </div>
  );
}

/** The frame of every signed-in page. */
export function ConsoleLayout() {
  return (
    <RequireAuth>
      <SignedInLayout />
    </RequireAuth>
  );
}
