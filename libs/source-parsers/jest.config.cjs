module.exports = { ...require('../../jest.preset.cjs'), displayName: 'source-parsers', rootDir: __dirname };
