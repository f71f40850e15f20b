import type { FastifyRequest } from 'fastify';

/**
 * pino options. Logged requests carry their id, method and path — never the query string (it can
 * hold a searched name), a cookie, a token, a password or any personal data.
 */
export function loggerOptions(level: string) {
  return {
    level,
    redact: {
      paths: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
        '*.password',
        '*.token',
        '*.mobile',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return {
          id: request.id,
          method: request.method,
          path: request.url.split('?')[0],
        };
      },
    },
  };
}
