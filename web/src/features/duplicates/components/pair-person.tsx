import { Link } from 'react-router';
import type { PersonSummary } from '@caliu/common';
import { PersonFacts } from '@/components/person-facts';
import { fullName } from '@/lib/person-names';
import styles from '../duplicates.module.css';

/** One side of a pair: the name (a link to the record) and what tells two records apart. */
export function PairPerson({ person, label }: { person: PersonSummary; label: string }) {
  return (
    <div className={styles.pairPerson}>
      <p className={styles.pairPersonLabel}>{label}</p>
      <p className={styles.pairPersonName}>
        <Link to={`/persons/${person.id}`}>{fullName(person)}</Link>
      </p>
      <PersonFacts person={person} />
    </div>
  );
}
