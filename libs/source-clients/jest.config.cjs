module.exports = { ...require('../../jest.preset.cjs'), displayName: 'source-clients', rootDir: __dirname };
