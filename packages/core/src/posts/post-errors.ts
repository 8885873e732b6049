import { DomainError } from '../errors';

export function postNotFound(): DomainError {
  return new DomainError('not_found', 'That post does not exist in this workspace (it may have been deleted).');
}

/** Published and publishing posts are on X (or about to be); editing them here would lie. */
export function postNotEditable(status: string): DomainError {
  const why =
    status === 'published'
      ? 'it is already on X'
      : status === 'publishing'
        ? 'it is being published right now'
        : 'its outcome at X is still being checked';
  return new DomainError('conflict', `This post cannot be changed because ${why}.`);
}
