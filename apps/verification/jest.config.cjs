const preset = require('../../jest.preset.cjs');

// citation-js loads node-fetch 3, published only as ES modules with ESM-only dependencies, so Jest
// compiles those to CommonJS as it does the preset's ESM-only packages.
const esmOnlyPackages = [
  'typebox',
  'uuid',
  'cookie',
  'node-fetch',
  'data-uri-to-buffer',
  'fetch-blob',
  'formdata-polyfill',
];

module.exports = {
  ...preset,
  displayName: 'verification',
  rootDir: __dirname,
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
};
