module.exports = { ...require('../../jest.preset.cjs'), displayName: 'ingest-import', rootDir: __dirname };
