export * from './work-vocabulary';
export * from './work-author.schema';
export * from './work.schema';
export * from './work-checks';
