export { X_SCOPES, type XScope } from './scopes';
export { xEndpoints, type XEndpoints } from './endpoints';
export { baseUrlPlugin } from './base-url-plugin';
export { createXClient, type XClientOptions } from './client';
export { createXOAuth, type XOAuth, type XOAuthOptions, type XTokenSet } from './oauth';
export { classifyXError, neverReachedX, type XErrorClass, type XErrorKind } from './errors';
export * from './ledger';
export { generateCodeVerifier, generateState } from 'arctic';
