module.exports = { ...require('../../jest.preset.cjs'), displayName: 'matching-core', rootDir: __dirname };
