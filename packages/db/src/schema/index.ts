export * from './users';
export * from './workspaces';
export * from './x-accounts';
export * from './posts';
export * from './notifications';
export * from './workflows';
