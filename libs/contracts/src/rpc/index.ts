export * from './ingest.rpc';
export * from './matching.rpc';
export * from './verification-profile.rpc';
export * from './verification-queue.rpc';
export * from './verification-works.rpc';
export * from './verification-reports.rpc';
export * from './verification.rpc';
export * from './notification.rpc';
