module.exports = { ...require('../../jest.preset.cjs'), displayName: 'name-matching', rootDir: __dirname };
