import type { FastifyError, FastifyRequest } from 'fastify';

function describeBytes(bytes: number): string {
  if (bytes >= 1_048_576 && bytes % 1_048_576 === 0) return `${bytes / 1_048_576} MiB`;
  if (bytes >= 1_024 && bytes % 1_024 === 0) return `${bytes / 1_024} KiB`;
  return `${bytes} bytes`;
}

/**
 * Rewords the errors Fastify raises while reading a body, so that each names what the client sent and
 * what to send instead. Returns undefined for every other error, which keeps its own message.
 */
export function frameworkErrorMessage(error: FastifyError, request: FastifyRequest): string | undefined {
  const contentType = request.headers['content-type'];
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request.routeOptions.bodyLimit ?? request.server.initialConfig.bodyLimit ?? 0;
      const length = request.headers['content-length'];
      const sent = length ? `${length} bytes` : 'more than that';
      return (
        `Request body too large: this route takes at most ${describeBytes(limit)} and the request sent ${sent}. ` +
        'Send a smaller body, or split it over several requests.'
      );
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return (
        `Content-Type ${contentType ? JSON.stringify(contentType) : 'missing'} is not accepted here. ` +
        'Send the body as application/json, or in the type this route lists in the API description at /docs.'
      );
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The body is empty but Content-Type is application/json. Send a JSON body, or leave out the Content-Type header.';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return `The body is not valid JSON (${error.message}). Send one JSON value encoded as UTF-8.`;
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'Content-Length does not match the body sent. Send the length of the body in bytes, or leave the header out.';
    default:
      return undefined;
  }
}
