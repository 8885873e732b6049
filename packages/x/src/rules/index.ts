// X's rules for what a post may contain. Pure and dependency-light, so the web client
// imports them too (`@tweetflow/x/rules`) and both sides give the same answer.
export * from './post-text';
export * from './media';
