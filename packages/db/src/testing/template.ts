/** The migrated database each test database is cloned from. */
export const TEMPLATE_DATABASE = 'tweetflow_template';
