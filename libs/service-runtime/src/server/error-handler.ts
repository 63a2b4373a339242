import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { frameworkErrorMessage } from './framework-error-message';
import { RouteMethods } from './route-methods';
import { validationDetails, validationMessage } from './validation-details';
import { RuntimeErrorCode, ServiceError } from './service-error';

import type { ErrorBody } from './error-body';
import type { ErrorDetails } from './service-error';

const GENERIC_5XX_MESSAGE = 'The server failed to process the request; retry later or report the request id.';

interface ErrorResponse {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetails;
}

/** Maps any thrown value to the status, code and message the client receives. */
function toErrorResponse(error: FastifyError | ServiceError | Error, request: FastifyRequest): ErrorResponse {
  if (error instanceof ServiceError) {
    const { statusCode, code, message, details } = error;
    return details === undefined ? { statusCode, code, message } : { statusCode, code, message, details };
  }

  const fastifyError = error as FastifyError;
  if (fastifyError.validation) {
    const context = fastifyError.validationContext;
    const part = context === 'querystring' ? 'query' : context;
    const data = part ? (request as unknown as Record<string, unknown>)[part] : undefined;
    const details = validationDetails(fastifyError.validation, context, data);
    return {
      statusCode: 400,
      code: RuntimeErrorCode.validation,
      message: validationMessage(details),
      details,
    };
  }

  const statusCode = fastifyError.statusCode ?? 500;
  if (statusCode >= 400 && statusCode < 500) {
    const message = frameworkErrorMessage(fastifyError, request) ?? error.message;
    return { statusCode, code: fastifyError.code ?? RuntimeErrorCode.request, message };
  }
  return { statusCode: statusCode >= 500 ? statusCode : 500, code: RuntimeErrorCode.internal, message: '' };
}

/**
 * Installs the service's one error handler: 5xx are logged at error with the error object and the
 * client gets a generic message; 4xx are logged at info. Every error body has the same shape.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) => {
    const response = toErrorResponse(error, request);
    const context = { method: request.method, url: request.url, requestId: request.id };

    if (response.statusCode >= 500) {
      request.log.error({ err: error, ...context, statusCode: response.statusCode }, 'request failed');
      response.message = GENERIC_5XX_MESSAGE;
    } else {
      request.log.info({ ...context, statusCode: response.statusCode, code: response.code }, error.message);
    }
    return reply.code(response.statusCode).send(errorBody(response, request.id));
  });

  const routeMethods = new RouteMethods();
  app.addHook('onRoute', (route) => routeMethods.add(route.url, route.method));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    const allowed = routeMethods.allowedFor(path);
    const response =
      allowed.length > 0
        ? {
            statusCode: 405,
            code: RuntimeErrorCode.methodNotAllowed,
            message: `Method ${request.method} is not allowed on ${path}; it takes ${allowed.join(', ')}.`,
          }
        : {
            statusCode: 404,
            code: RuntimeErrorCode.routeNotFound,
            message: `Route ${request.method} ${path} not found`,
          };
    request.log.info(
      { method: request.method, url: request.url, statusCode: response.statusCode },
      response.message,
    );
    if (allowed.length > 0) reply.header('allow', allowed.join(', '));
    return reply.code(response.statusCode).send(errorBody(response, request.id));
  });
}

function errorBody(response: ErrorResponse, requestId: string): ErrorBody {
  const { code, message, details } = response;
  return {
    error: details === undefined ? { code, message, requestId } : { code, message, details, requestId },
  };
}
