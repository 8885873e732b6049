export { connectXAccount, fetchXProfile, type ConnectXAccountInput, type XProfile } from './connect-x-account';
export { listXAccounts } from './list-x-accounts';
export { disconnectXAccount } from './disconnect-x-account';
export { getFreshAccessToken, REFRESH_MARGIN_MS } from './get-fresh-access-token';
export { withXAccount } from './with-x-account';
export { type XAccountDeps } from './x-account-deps';
export { type XAccountView } from './x-account-view';
export {
  XAccountNeedsReauthError,
  XAccountNotFoundError,
  XAccountRefreshUnavailableError,
  XRateLimitedError,
} from './errors';
