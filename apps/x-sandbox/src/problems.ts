import type { SandboxResponse } from './http/responses';

const PROBLEM_TYPE_BASE = 'https://api.twitter.com/2/problems/';

function problem(status: number, body: Record<string, unknown>): SandboxResponse {
  return { kind: 'json', status, body, contentType: 'application/problem+json' };
}

/** X's exact 401 body. */
export const unauthorized = (): SandboxResponse =>
  problem(401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });

/** X's exact 429 body. */
export const tooManyRequests = (): SandboxResponse =>
  problem(429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });

/** X's exact body for posting the same text twice. */
export const duplicateContent = (): SandboxResponse =>
  forbidden('You are not allowed to create a Tweet with duplicate content.');

/**
 * A 403 in X's generic shape.
 *
 * @example
 * return forbidden('You attempted to reply to a Tweet that is deleted or not visible to you.');
 */
export const forbidden = (detail = 'Forbidden'): SandboxResponse =>
  problem(403, { detail, type: 'about:blank', title: 'Forbidden', status: 403 });

/** The 403 X sends when a token lacks a scope or acts for someone else. */
export const clientForbidden = (detail: string): SandboxResponse =>
  problem(403, { title: 'Forbidden', detail, type: `${PROBLEM_TYPE_BASE}client-forbidden`, status: 403, reason: 'client-not-enrolled' });

/**
 * A 400 `invalid-request` problem listing what is wrong with which parameter.
 *
 * @example
 * return invalidRequest('The `text` field is too long.', { text: [text] });
 */
export function invalidRequest(message: string, parameters: Record<string, string[]> = {}): SandboxResponse {
  return problem(400, {
    errors: [{ parameters, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: `${PROBLEM_TYPE_BASE}invalid-request`,
    status: 400,
  });
}

/** A 404 for a missing route or resource (never an HTML page). */
export const notFound = (detail = 'Sorry, that page does not exist.'): SandboxResponse =>
  problem(404, { title: 'Not Found Error', detail, type: `${PROBLEM_TYPE_BASE}resource-not-found`, status: 404 });

/**
 * The entry in a 200 response's `errors[]` for one id that does not exist.
 *
 * @example
 * errors.push(resourceNotFound('ids', '123', 'tweet'));
 */
export function resourceNotFound(parameter: string, value: string, resourceType: 'tweet' | 'user' | 'media') {
  const noun = resourceType === 'tweet' ? 'tweet' : resourceType;
  return {
    value,
    detail: `Could not find ${noun} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEM_TYPE_BASE}resource-not-found`,
  };
}

/** The `errors[]` entry X adds when a field may only be seen by the post's owner. */
export function fieldUnauthorized(field: string, postId: string) {
  return {
    resource_type: 'tweet',
    field,
    parameter: 'tweet.fields',
    resource_id: postId,
    title: 'Field Authorization Error',
    section: 'data',
    detail: `Sorry, you are not authorized to access '${field}' on the Tweet with id: [${postId}].`,
    type: `${PROBLEM_TYPE_BASE}not-authorized-for-field`,
    value: field,
  };
}

/** 5xx bodies for injected faults and unexpected errors. */
export const serverError = (status: 500 | 503): SandboxResponse =>
  problem(status, {
    title: status === 503 ? 'Service Unavailable' : 'Internal Server Error',
    detail: status === 503 ? 'Service Unavailable' : 'Internal Server Error',
    type: 'about:blank',
    status,
  });

/** An OAuth 2.0 error (token and revoke endpoints use RFC 6749 bodies, not problems). */
export const oauthError = (status: 400 | 401, error: string, description: string): SandboxResponse => ({
  kind: 'json',
  status,
  body: { error, error_description: description },
});
