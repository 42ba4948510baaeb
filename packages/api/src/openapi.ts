import { APP_VERSION } from '@crm/config';
import { generateOpenApiDocument } from 'trpc-to-openapi';
import type { AnyRouter } from '@trpc/server';
import type { OpenApiRouter } from 'trpc-to-openapi';

export const REST_PREFIX = '/api/v1';

/** The REST facade's OpenAPI document, generated from the same procedures tRPC serves. */
export function openApiDocument(router: AnyRouter, publicBaseUrl: string) {
  return generateOpenApiDocument(router as OpenApiRouter, {
    title: 'CRM API',
    description:
      'REST facade over the CRM. Errors share one shape: `{ code, message, issues?, requestId }`; ' +
      'send `Accept-Language: ru` for messages in Russian. Money is in minor units (kopecks) with the currency beside it.',
    version: APP_VERSION,
    baseUrl: `${publicBaseUrl}${REST_PREFIX}`,
    docsUrl: `${publicBaseUrl}${REST_PREFIX}/docs`,
    securitySchemes: {
      Authorization: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT or crm_ API key' },
    },
  });
}
