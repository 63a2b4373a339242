module.exports = { ...require('../../jest.preset.cjs'), displayName: 'local-oidc', rootDir: __dirname };
