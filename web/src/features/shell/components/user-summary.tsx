import { useCurrentUser } from '@/lib/auth';

/** The signed-in user's name and entity, as the navigation bar shows them. */
export function UserSummary() {
  const me = useCurrentUser();
  const name = [me.givenName, me.surnames].filter(Boolean).join(' ') || me.username;
  return (
    <div className="user-summary">
      <span className="user-summary__name" title={name}>
        {name}
      </span>
      <span className="user-summary__entity" title={me.entity.name}>
        {me.entity.name}
      </span>
    </div>
  );
}
