import type { Database } from '../../server/src/db/connect';
import type { BenchSession } from '../harness/server';

/** What every scenario is given: the synthetic council, its signed-in technicians, the sizes. */
export type BenchContext = {
  database: Database;
  entityId: string;
  entityCode: string;
  sessions: { username: string; session: BenchSession }[];
  /** How many distinct requests a scenario prepares (and records). */
  requests: number;
  /** Load generator connections (and baseline loops). */
  connections: number;
};
