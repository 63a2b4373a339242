const preset = require('../jest.preset.cjs');

// The cross-service tests load the apps, so Jest compiles to CommonJS the ESM-only packages that the
// gateway and verification tests list: citation-js loads node-fetch 3 and its dependencies,
// @fastify/cookie loads cookie with a dynamic import, and openid-client needs oauth4webapi and jose.
const esmOnlyPackages = [
  'typebox',
  'uuid',
  'cookie',
  '@fastify/cookie',
  'content-disposition',
  'openid-client',
  'oauth4webapi',
  'jose',
  'node-fetch',
  'data-uri-to-buffer',
  'fetch-blob',
  'formdata-polyfill',
];

module.exports = {
  ...preset,
  displayName: 'tools',
  rootDir: __dirname,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
};
