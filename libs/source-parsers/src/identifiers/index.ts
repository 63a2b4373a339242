export * from './arxiv';
export * from './doi';
export * from './orcid';
export * from './other-ids';
