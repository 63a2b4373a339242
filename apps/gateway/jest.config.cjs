const preset = require('../../jest.preset.cjs');

// openid-client and its dependencies are published only as ES modules, and @fastify/cookie loads
// cookie with a dynamic import, which Jest runs only once compiled to require(); @fastify/static
// (under Swagger UI) requires the ESM-only content-disposition. The OpenAPI test's validator,
// @apidevtools/swagger-parser, requires the ESM-only @apidevtools/json-schema-ref-parser.
const esmOnlyPackages = [
  'typebox',
  'uuid',
  'cookie',
  '@fastify/cookie',
  'content-disposition',
  'openid-client',
  'oauth4webapi',
  'jose',
  '@apidevtools/json-schema-ref-parser',
];

module.exports = {
  ...preset,
  displayName: 'gateway',
  rootDir: __dirname,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
};
