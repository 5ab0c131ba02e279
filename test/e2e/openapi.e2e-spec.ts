import { startTestStack, TestStack } from '../helpers/stack';

jest.setTimeout(90_000);

type Schema = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document says what the API answers and what it refuses', () => {
  let stack: TestStack;
  let doc: Schema;
  let operations: Array<{ id: string; method: string; path: string; op: Schema }>;

  beforeAll(async () => {
    stack = await startTestStack();
    doc = (await stack.http.get('/api/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ id: `${method.toUpperCase()} ${path}`, method, path, op: item[method] })));
  });
  afterAll(() => stack.close());

  const missing = (check: (o: (typeof operations)[number]) => boolean) => operations.filter((o) => !check(o)).map((o) => o.id);
  const errorCodes = (op: Schema) => Object.keys(op.responses).filter((c) => Number(c) >= 400);
  const isPublic = (o: (typeof operations)[number]) => !errorCodes(o.op).includes('401') || o.path === '/metrics';

  it('every operation documents its error responses with the error schema', () => {
    expect(doc.components.schemas.Error.required).toEqual(['statusCode', 'error', 'message']);
    expect(missing((o) => errorCodes(o.op).length > 0 && errorCodes(o.op).every((c) => o.op.responses[c].content?.['application/json']?.schema?.$ref === '#/components/schemas/Error'))).toEqual([]);
    expect(missing((o) => errorCodes(o.op).includes('503'))).toEqual([]);
    expect(missing((o) => (!o.op.parameters?.length && !o.op.requestBody) || errorCodes(o.op).includes('400'))).toEqual([]);
    expect(missing((o) => !o.path.includes('{') || errorCodes(o.op).includes('404'))).toEqual([]);
    expect(missing((o) => o.path === '/api/auth/login' || o.path === '/health' || o.path === '/metrics' || (errorCodes(o.op).includes('401') && errorCodes(o.op).includes('403')))).toEqual([]);
    expect(missing((o) => o.method === 'get' || isPublic(o) || o.op.responses['429']?.headers?.['Retry-After'] !== undefined)).toEqual([]);
  });

  it('every operation documents a success response', () => {
    expect(missing((o) => Object.keys(o.op.responses).some((c) => /^2\d\d$/.test(c)))).toEqual([]);
  });

  it('lists each header once (Idempotency-Key) and gives every path parameter its format', () => {
    expect(missing((o) => new Set((o.op.parameters ?? []).map((p: Schema) => `${p.in}:${p.name.toLowerCase()}`)).size === (o.op.parameters ?? []).length)).toEqual([]);
    const keyed = operations.filter((o) => (o.op.parameters ?? []).some((p: Schema) => p.in === 'header' && p.name === 'Idempotency-Key'));
    expect(keyed.length).toBeGreaterThan(10);
    for (const o of keyed) expect(o.op.parameters.find((p: Schema) => p.name === 'Idempotency-Key').schema.pattern).toBeDefined();
    const loose = operations.flatMap((o) => (o.op.parameters ?? []).filter((p: Schema) => p.in === 'path' && !p.schema?.format && !p.schema?.pattern && p.schema?.type !== 'integer' && !p.schema?.maxLength).map((p: Schema) => `${o.id} ${p.name}`));
    expect(loose).toEqual([]);
    expect(missing((o) => (o.op.parameters ?? []).filter((p: Schema) => p.in === 'path' && p.name === 'id').every((p: Schema) => p.schema.format === 'uuid'))).toEqual([]);
  });

  it('gives the formats and patterns the validators enforce: uuids, days and instants within 2000–2100', () => {
    const s = doc.components.schemas;
    expect(s.CreateProjectDto.properties.planId).toMatchObject({ format: 'uuid' });
    expect(s.CreateProjectDto.properties.startDate).toMatchObject({ format: 'date', pattern: expect.stringContaining('2100') });
    expect(s.RequestExtensionDto.properties.newDueAt).toMatchObject({ format: 'date-time', pattern: expect.stringContaining('2100') });
    const day = new RegExp(s.CreateProjectDto.properties.startDate.pattern);
    expect(day.test('2026-06-30')).toBe(true);
    expect(day.test('9999-12-31')).toBe(false);
    const query = operations.find((o) => o.id === 'GET /api/projects')!.op.parameters.find((p: Schema) => p.name === 'planId');
    expect(query.schema.format).toBe('uuid');
  });
});
