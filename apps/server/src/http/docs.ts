import fs from 'node:fs';
import path from 'node:path';
import { REST_PREFIX } from '@crm/api';
import { Hono } from 'hono';
import swaggerUi from 'swagger-ui-dist';
import type { AppEnv } from './env';

const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>CRM API</title>
  <link rel="icon" type="image/png" href="${REST_PREFIX}/docs/assets/favicon-32x32.png">
  <link rel="stylesheet" href="${REST_PREFIX}/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="${REST_PREFIX}/docs/assets/swagger-ui-bundle.js"></script>
  <script src="${REST_PREFIX}/docs/assets/swagger-ui-standalone-preset.js"></script>
  <script src="${REST_PREFIX}/docs/init.js"></script>
</body>
</html>`;

const INIT = `window.ui = SwaggerUIBundle({
  url: '${REST_PREFIX}/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
});`;

/** The API docs page, with Swagger UI served from the installed package so it works offline. */
export function docsRoutes() {
  const assetDir = swaggerUi.getAbsoluteFSPath();
  const cache = new Map<string, Buffer>();
  const app = new Hono<AppEnv>();
  app.get('/', (c) => c.html(PAGE));
  app.get('/init.js', (c) => c.body(INIT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  app.get('/assets/:file', (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (!type) return c.notFound();
    let content = cache.get(file);
    if (!content) {
      content = fs.readFileSync(path.join(assetDir, file));
      cache.set(file, content);
    }
    return c.body(new Uint8Array(content), 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
  });
  return app;
}
