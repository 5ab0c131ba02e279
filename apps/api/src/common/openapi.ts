import type { OpenAPIObject } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { POLICY_RULE } from '../policy/policy.decorator';
import { describeBodies } from './body-schemas';
import { DAY_PATTERN, INSTANT_PATTERN } from './dto';

type Schema = Record<string, any>;
type Operation = { parameters?: Schema[]; requestBody?: Schema; responses: Record<string, Schema>; security?: unknown[]; [k: string]: unknown };

/** The one error shape every failure answers with (see exception.filter.ts). */
export const ERROR_SCHEMA: Schema = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', description: 'The HTTP reason phrase' },
    code: {
      type: 'string',
      description: 'A message code of the catalogue where the status alone is not enough, e.g. error.password-change-required, error.account-locked, error.rate-limited, or a workflow refusal',
    },
    params: { type: 'object', additionalProperties: true, description: 'The values the message of `code` is made from' },
    message: { type: 'string' },
    correlationId: { type: 'string', description: 'On a 500 only: the request id to look for in the logs' },
    details: {
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string', description: 'The field path, e.g. milestones[0].dueDate' },
          message: { type: 'string', description: 'Why the field was refused, in the caller’s language (user setting, else Accept-Language, else zh-CN)' },
          code: { type: 'string', description: 'The reason as a message code of the catalogue, e.g. field.non-negative-whole' },
          params: { type: 'object', additionalProperties: true, description: 'The values the reason is made from: what was written (`got`), bounds, allowed values, a suggestion' },
        },
      },
    },
  },
};

const ERROR_DESCRIPTIONS: Record<string, string> = {
  '400': 'Invalid input: details name each field',
  '401': 'No valid token, or its user no longer exists or was signed out',
  '403': 'Not allowed for this role or scope, or the password must be changed first (code error.password-change-required)',
  '404': 'Not found, or outside the caller’s scope',
  '409': 'Conflicts with the current state (e.g. the project is closed)',
  '413': 'The body is larger than 256 kB',
  '429': 'Too many requests: wait for the seconds in Retry-After',
  '503': 'A dependency (PostgreSQL or Temporal) is unavailable or did not answer in time',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer', minimum: 1 } } };

/** The JSON-schema words a class-validator constraint stands for. */
function constraintSchema(name: string, constraints: unknown[] | undefined): Schema | undefined {
  const c = constraints ?? [];
  switch (name) {
    case 'isUuid': return { type: 'string', format: 'uuid' };
    case 'isDay': return { type: 'string', format: 'date', pattern: DAY_PATTERN };
    case 'isInstant': return { type: 'string', format: 'date-time', pattern: INSTANT_PATTERN };
    case 'matches': return c[0] instanceof RegExp ? { pattern: c[0].source } : typeof c[0] === 'string' ? { pattern: c[0] } : undefined;
    case 'isEmail': return { type: 'string', format: 'email' };
    case 'isUrl': return { type: 'string', format: 'uri' };
    case 'isInt': return { type: 'integer' };
    case 'min': return { minimum: c[0] };
    case 'max': return { maximum: c[0] };
    case 'minLength': return { minLength: c[0] };
    case 'maxLength': return { maxLength: c[0] };
    case 'arrayMinSize': return { minItems: c[0] };
    case 'arrayMaxSize': return { maxItems: c[0] };
    case 'isIn': return Array.isArray(c[0]) ? { enum: c[0] } : undefined;
    default: return undefined;
  }
}

/** What the validators of each DTO class enforce, by class name and property. */
function validatorSchemas(): Map<string, Map<string, Schema>> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, Array<{ name?: string; propertyName: string; constraints?: unknown[]; each?: boolean; type: string }>> };
  const out = new Map<string, Map<string, Schema>>();
  for (const [target, metas] of storage.validationMetadatas) {
    const props = out.get(target.name) ?? new Map<string, Schema>();
    for (const m of metas) {
      const words = m.name ? constraintSchema(m.name, m.constraints) : undefined;
      if (!words) continue;
      const prop = props.get(m.propertyName) ?? {};
      if (m.each) prop.items = { ...(prop.items ?? {}), ...words };
      else Object.assign(prop, words);
      props.set(m.propertyName, prop);
    }
    out.set(target.name, props);
  }
  return out;
}

/** Merges what validation enforces into a documented schema, keeping what the decorators said where both speak. */
function enrich(schema: Schema, words: Schema): void {
  for (const [k, v] of Object.entries(words)) {
    if (k === 'items' && schema.type === 'array') {
      schema.items = schema.items && !schema.items.$ref ? schema.items : { ...(schema.items ?? {}) };
      if (!schema.items.$ref) enrich(schema.items, v);
    } else if (k !== 'items' && schema[k] === undefined && !(k === 'type' && (schema.$ref || schema.allOf))) {
      schema[k] = v;
    }
  }
}

const WRITE = new Set(['post', 'put', 'patch', 'delete']);

/**
 * Completes the generated OpenAPI document: every operation lists the errors it can answer with the one error
 * schema, the formats and patterns its validators enforce (uuid, days, instants, patterns, ranges), the bodies
 * the domain rules check (targets and figures by kind, policy, quantities …: see body-schemas.ts), and each
 * parameter once (Idempotency-Key was listed twice).
 */
export function completeOpenApi(doc: OpenAPIObject, publicOperations: Set<string>): OpenAPIObject {
  doc.components ??= {};
  doc.components.schemas ??= {};
  doc.components.schemas.Error = ERROR_SCHEMA;
  const errorRef = { $ref: '#/components/schemas/Error' };

  const byClass = validatorSchemas();
  for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Schema>)) {
    const props = byClass.get(name);
    if (!props || !schema.properties) continue;
    for (const [prop, words] of props) if (schema.properties[prop]) enrich(schema.properties[prop], words);
  }
  describeBodies(doc);
  // Query parameters are expanded from their DTO classes; a name means the same everywhere (planId, page…).
  const queryWords = new Map<string, Schema>();
  for (const [cls, props] of byClass) if (/Query(Dto)?$/.test(cls)) for (const [prop, words] of props) queryWords.set(prop, { ...(queryWords.get(prop) ?? {}), ...words });

  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item as Record<string, Operation>)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      // @Headers('idempotency-key') adds a required lower-case copy of what @ApiHeader documents: keep the documented one.
      const chosen = new Map<string, Schema>();
      for (const p of op.parameters ?? []) {
        const key = `${p.in}:${String(p.name).toLowerCase()}`;
        const prev = chosen.get(key);
        if (!prev || (prev.name === String(prev.name).toLowerCase() && p.name !== String(p.name).toLowerCase())) chosen.set(key, p);
      }
      op.parameters = [...chosen.values()];
      for (const p of op.parameters) {
        p.schema ??= { type: 'string' };
        if (p.in === 'path' && p.name === 'id') enrich(p.schema, { type: 'string', format: 'uuid' });
        if (p.in === 'path' && p.name === 'year') p.schema = { type: 'integer', minimum: 2000, maximum: 2100 };
        if (p.in === 'path' && p.name === 'mid') p.schema = { type: 'string', minLength: 1, maxLength: 64, description: 'A milestone id of the project' };
        if (p.in === 'query' && queryWords.has(p.name)) enrich(p.schema, queryWords.get(p.name)!);
        if (p.in === 'header' && /^idempotency-key$/i.test(p.name)) {
          Object.assign(p, { name: 'Idempotency-Key', required: false, description: p.description ?? 'Repeats of a request with the same key get the first answer; another body with the same key is refused (400)' });
          enrich(p.schema, { type: 'string', pattern: '^[A-Za-z0-9._:\\-]{1,200}$' });
        }
      }
      const isPublic = publicOperations.has(`${method.toUpperCase()} ${path}`);
      const codes = new Set<string>(['503']);
      if (op.parameters.length || op.requestBody) codes.add('400');
      if (op.requestBody) codes.add('413');
      if (!isPublic) codes.add('401').add('403');
      // Ids in the path, the body or a required query parameter (`projectId`, `planId`) name resources that may not
      // exist (or lie outside the caller's scope).
      const namesResource = op.parameters.some((p) => p.in === 'path' || (p.in === 'query' && p.required && /Id$/.test(String(p.name))));
      if (namesResource || op.requestBody || path === '/metrics') codes.add('404');
      if (WRITE.has(method) && !isPublic) codes.add('409').add('429');
      if (path === '/api/auth/login') codes.add('401').add('429');
      if (path === '/metrics') codes.add('401').add('403');
      for (const code of codes) {
        if (op.responses[code]) {
          op.responses[code].content ??= { 'application/json': { schema: errorRef } };
          continue;
        }
        op.responses[code] = { description: ERROR_DESCRIPTIONS[code], content: { 'application/json': { schema: errorRef } }, ...(code === '429' ? { headers: RETRY_AFTER } : {}) };
      }
    }
  }
  return doc;
}

/** `METHOD /path` of every route whose rule is `public` (sign-in, health, metrics), in OpenAPI's path spelling. */
export function publicOperations(controllers: Array<Function>): Set<string> {
  const out = new Set<string>();
  const methods = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'ALL', 'OPTIONS', 'HEAD'];
  for (const ctrl of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, ctrl) ?? '');
    for (const name of Object.getOwnPropertyNames(ctrl.prototype)) {
      const handler = ctrl.prototype[name];
      if (typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
      if (Reflect.getMetadata(POLICY_RULE, handler) !== 'public') continue;
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler));
      const path = `/${[base, sub].map((s) => s.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      out.add(`${methods[Reflect.getMetadata(METHOD_METADATA, handler) as number]} ${path}`);
    }
  }
  return out;
}
