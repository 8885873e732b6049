export * from './definition';
export * from './expressions';
