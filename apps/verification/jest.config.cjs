module.exports = { ...require('../../jest.preset.cjs'), displayName: 'verification', rootDir: __dirname };
