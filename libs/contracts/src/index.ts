export * from './envelope';
export * from './event-definition';
export * from './rpc-definition';
export * from './common';
export * from './work';
export * from './validation';
