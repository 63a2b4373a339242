export * from './compile-validator';
