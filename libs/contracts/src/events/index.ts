export * from './ingest.events';
export * from './matching.events';
export * from './verification-profile.events';
export * from './verification-decision.events';
export * from './verification-work.events';
export * from './verification.events';
export * from './notification.events';
