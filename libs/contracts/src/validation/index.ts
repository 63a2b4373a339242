export * from './compile-validator';
export * from './schema-walk';
