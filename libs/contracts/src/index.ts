export * from './envelope';
export * from './event-definition';
export * from './rpc-definition';
