/** The migrated database each test database is cloned from. */
export const TEMPLATE_DATABASE = 'tweetflow_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Admin URL of the run's embedded PostgreSQL, provided by the global setup. */
    tweetflowPostgresAdminUrl: string;
  }
}
