module.exports = { ...require('../../jest.preset.cjs'), displayName: 'public-events', rootDir: __dirname };
