export * from './literal-union';
export * from './identifiers';
export * from './primitives';
export * from './sources';
export * from './normalize';
