module.exports = { ...require('../../jest.preset.cjs'), displayName: 'service-testing', rootDir: __dirname };
