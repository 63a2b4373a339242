import { serversWithCredentials } from './server-credentials';

describe('serversWithCredentials', () => {
  it('keeps plain server URLs as they are', () => {
    expect(serversWithCredentials('nats://127.0.0.1:4222, nats://127.0.0.1:4223')).toEqual({
      servers: ['nats://127.0.0.1:4222', 'nats://127.0.0.1:4223'],
    });
  });

  it('moves credentials from the URL into the options', () => {
    expect(serversWithCredentials('nats://matching:s3cr%40t@atlas-nats:4222')).toEqual({
      servers: ['nats://atlas-nats:4222'],
      user: 'matching',
      pass: 's3cr@t',
    });
  });
});
