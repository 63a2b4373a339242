export * from './example-values';
export * from './event-examples';
