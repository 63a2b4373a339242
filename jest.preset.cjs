// Shared Jest settings: SWC compiles TypeScript, and the tsconfig path aliases map to library sources.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = path.join(__dirname, target);
}

// Packages published only as ES modules must be compiled to CommonJS for Jest's module loader
// (cookie 1.x is loaded by light-my-request, which Fastify's inject uses).
const esmOnlyPackages = ['typebox', 'uuid', 'cookie'];

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j|mj)s$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', decorators: false }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'cjs', 'json'],
  moduleNameMapper,
  testMatch: ['**/?(*.)+(spec|test).ts'],
  globalSetup: path.join(__dirname, 'tools/jest/global-setup.cjs'),
  testTimeout: 30_000,
  reporters: ['default', path.join(__dirname, 'tools/jest/summary-reporter.cjs')],
};
