export * from './compile-validator';
export * from './schema-walk';
export * from './clean-payload';
export * from './fingerprint';
