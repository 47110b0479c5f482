/*
 * The API reference page (GET /docs): HTML rendered from the OpenAPI document, on the server, with no
 * script and nothing loaded from elsewhere. Schemas are shown as JSON, their references as links.
 */

type Json = Record<string, unknown>;
interface Operation {
  readonly operationId: string;
  readonly summary?: string;
  readonly description?: string;
  readonly tags?: string[];
  readonly security?: Record<string, string[]>[];
  readonly parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  readonly requestBody?: { content: Record<string, Json> };
  readonly responses: Record<string, { description: string; content?: Record<string, Json> }>;
}
export interface ApiDocument {
  readonly info: { title: string; version: string; description?: string };
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { schemas: Record<string, unknown> };
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** Markdown's `code` and paragraphs, nothing more: all the descriptions use. */
const prose = (text = '') =>
  text
    .split(/\n\n+/)
    .map((paragraph) => `<p>${escape(paragraph).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('');
const schemaId = (name: string) => `schema-${name.replace(/[^\w.-]/g, '_')}`;
/** A schema as indented JSON, each `$ref` a link to the schema it names. */
const schemaHtml = (schema: unknown) =>
  `<pre>${escape(JSON.stringify(schema, null, 2)).replace(
    /&quot;#\/components\/schemas\/([^&]+)&quot;/g,
    (_, name: string) => `<a href="#${schemaId(name)}">${name}</a>`,
  )}</pre>`;

const access = (operation: Operation) => {
  const scopes = operation.security?.[0];
  if (!scopes) return 'public';
  const required = Object.values(scopes)[0] ?? [];
  return required.length ? `bearer token with scope ${required.map((scope) => `<code>${escape(scope)}</code>`).join(', ')}` : 'bearer token';
};

const mediaTypes = (content: Record<string, Json> = {}) =>
  Object.entries(content)
    .map(([type, media]) => `<h5><code>${escape(type)}</code></h5>${media.schema ? schemaHtml(media.schema) : ''}${media.example === undefined ? '' : `<p>Example:</p>${schemaHtml(media.example)}`}`)
    .join('');

const operationHtml = (method: string, path: string, operation: Operation) => `
<section class="operation" id="${escape(operation.operationId)}">
  <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${escape(path)}</code></h3>
  <p class="summary">${escape(operation.summary ?? '')} · ${access(operation)}</p>
  ${prose(operation.description)}
  ${
    operation.parameters?.length
      ? `<h4>Parameters</h4><table><tr><th>name</th><th>in</th><th>required</th><th>schema</th></tr>${operation.parameters
          .map((parameter) => `<tr><td><code>${escape(parameter.name)}</code>${prose(parameter.description)}</td><td>${parameter.in}</td><td>${parameter.required ? 'yes' : 'no'}</td><td>${schemaHtml(parameter.schema)}</td></tr>`)
          .join('')}</table>`
      : ''
  }
  ${operation.requestBody ? `<h4>Request body</h4>${mediaTypes(operation.requestBody.content)}` : ''}
  <h4>Responses</h4>
  ${Object.entries(operation.responses)
    .map(([status, response]) => `<details><summary><b>${status}</b> ${escape(response.description)}</summary>${mediaTypes(response.content)}</details>`)
    .join('')}
</section>`;

const style = `body{font:15px/1.5 system-ui,sans-serif;max-width:72rem;margin:0 auto;padding:1rem 2rem;color:#1f2328}
nav{columns:2;font-size:14px}pre{background:#f6f8fa;padding:.5rem;white-space:pre-wrap;overflow-wrap:anywhere;font-size:13px;margin:.25rem 0}
.operation{border-top:1px solid #d0d7de;padding-top:.5rem}.method{display:inline-block;min-width:4rem;text-align:center;border-radius:4px;color:#fff;font-size:13px;padding:0 .4rem}
.get{background:#1f6feb}.post{background:#1a7f37}.put{background:#9a6700}.patch{background:#8250df}.delete{background:#cf222e}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.25rem .5rem;vertical-align:top;text-align:left}details{margin:.25rem 0}`;

/** The whole page, grouped by tag (service), with every named schema at the end. */
export const renderApiReference = (document: ApiDocument): string => {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => ({ path, method, operation })));
  const tags = [...new Set(operations.flatMap(({ operation }) => operation.tags ?? ['API']))];
  const byTag = (tag: string) => operations.filter(({ operation }) => (operation.tags ?? ['API']).includes(tag));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(document.info.title)} ${escape(document.info.version)}</title><style>${style}</style></head>
<body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
${prose(document.info.description)}
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI 3.1).</p>
<nav>${tags
    .map((tag) => `<h4>${escape(tag)}</h4><ul>${byTag(tag).map(({ path, method, operation }) => `<li><a href="#${escape(operation.operationId)}">${method.toUpperCase()} ${escape(path)}</a></li>`).join('')}</ul>`)
    .join('')}</nav>
${tags.map((tag) => `<h2>${escape(tag)}</h2>${byTag(tag).map(({ path, method, operation }) => operationHtml(method, path, operation)).join('')}`).join('')}
<h2>Schemas</h2>
${Object.entries(document.components.schemas)
  .map(([name, schema]) => `<section id="${schemaId(name)}"><h3><code>${escape(name)}</code></h3>${schemaHtml(schema)}</section>`)
  .join('')}
</body></html>
`;
};
