export { consumeRequestUnit, purgeRequestCounters, type LimitVerdict } from './request-limiter';
export { enforceRequestLimit, describeWait, type RequestLimitKind, type RequestLimitSettings } from './request-limits';
export { assertCanConnectXAccount, assertWorkspaceCap, type WorkspaceCap, type WorkspaceCapSettings } from './workspace-caps';
