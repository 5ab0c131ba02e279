import { createOrg } from '../helpers/fixtures';
import { schemaProblems } from '../helpers/openapi-fuzz';
import { useTestStack } from '../helpers/test-stack';

jest.setTimeout(90_000);

type Schema = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document says what the API answers and what it refuses', () => {
  let doc: Schema;
  let operations: Array<{ id: string; method: string; path: string; op: Schema }>;

  const { stack } = useTestStack({ org: false });
  beforeAll(async () => {
    doc = (await stack.http.get('/api/docs-json').expect(200)).body;
    operations = Object.entries(doc.paths as Record<string, Schema>).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => ({ id: `${method.toUpperCase()} ${path}`, method, path, op: item[method] })));
  });

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

  it('describes every request body and query completely: no object without its properties or typed values, no list without typed items', () => {
    const named = (s: Schema): Schema => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()] : s);
    const open: string[] = [];
    const walk = (raw: Schema, at: string, seen: Set<string>): void => {
      if (!raw) return;
      if (raw.$ref) {
        if (seen.has(raw.$ref)) return;
        seen = new Set(seen).add(raw.$ref);
      }
      const s = named(raw);
      expect({ at, resolved: s !== undefined }).toEqual({ at, resolved: true });
      for (const k of ['oneOf', 'anyOf', 'allOf']) (s[k] ?? []).forEach((x: Schema, i: number) => walk(x, `${at}/${k}[${i}]`, seen));
      const alternatives = s.oneOf || s.anyOf || s.allOf;
      if ((s.type === 'object' || (!s.type && !alternatives && !s.enum)) && !s.properties && typeof s.additionalProperties !== 'object' && !alternatives) open.push(`${at} ${JSON.stringify(s).slice(0, 100)}`);
      if (s.type === 'array' && !s.items?.type && !s.items?.$ref && !s.items?.enum) open.push(`${at}[] ${JSON.stringify(s).slice(0, 100)}`);
      for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) walk(v, `${at}.${k}`, seen);
      if (s.items) walk(s.items, `${at}[]`, seen);
      if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${at}{}`, seen);
    };
    let bodies = 0;
    for (const o of operations) {
      const body = o.op.requestBody?.content?.['application/json']?.schema;
      if (body) {
        bodies += 1;
        walk(body, `${o.id} body`, new Set());
      }
      for (const p of (o.op.parameters ?? []) as Schema[]) if (p.in === 'query') walk(p.schema, `${o.id} ?${p.name}`, new Set());
    }
    expect(bodies).toBeGreaterThan(20);
    expect(open).toEqual([]);
  });

  it("types each kind's body: project creation one schema per kind by `kind`, a school's figures whole and not negative", () => {
    const s = doc.components.schemas;
    const create = operations.find((o) => o.id === 'POST /api/projects')!.op.requestBody.content['application/json'].schema;
    expect(create.discriminator.propertyName).toBe('kind');
    expect(Object.keys(create.discriminator.mapping).sort()).toEqual(['generic', 'indicator', 'school_construction', 'teacher_rotation', 'training_quota']);
    const school = s.CreateSchoolConstructionProject.allOf[1];
    expect(school.properties.kind.enum).toEqual(['school_construction']);
    expect(s.SchoolConstructionTargets.required).toEqual(['seatsPlanned', 'classesPlanned', 'investmentPlanned']);
    expect(s.SchoolConstructionFigures.properties.seatsDelivered).toMatchObject({ type: 'integer', minimum: 0 });
    expect(s.SchoolConstructionFigures.additionalProperties).toBe(false);
    expect(s.SubmitReportDto.properties.figures.anyOf).toContainEqual({ $ref: '#/components/schemas/SchoolConstructionFigures' });
    expect(s.CreatePlanDto.properties.policy.allOf[0].$ref).toBe('#/components/schemas/DeadlinePolicy');
    expect(s.DeadlinePolicy.properties.tolerance).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(s.CreatePlanDto.properties.portfolioTargets.items.$ref).toBe('#/components/schemas/PortfolioTarget');
    expect(s.CreateProjectDto.properties.quantities.items.$ref).toBe('#/components/schemas/QuantityTarget');
  });

  it('a body the document allows is taken, one it refuses in a figure is refused naming it: a school with typed targets and figures', async () => {
    const org = await createOrg(stack);
    const bodyOf = (id: string) => operations.find((o) => o.id === id)!.op.requestBody.content['application/json'].schema;
    const create = {
      kind: 'school_construction', planId: org.planId, name: '新建第一初级中学', leadUnitId: org.districtId, ownerUserId: org.ownerId,
      startDate: '2026-01-01', dueDate: '2027-08-31', targets: { seatsPlanned: 1080, classesPlanned: 24, investmentPlanned: 52_000_000 },
      quantities: [{ figure: 'seats', target: 1080 }], policy: { reminders: ['P3D'] }, stageDates: { design: '2026-04-30' },
    };
    expect(schemaProblems(doc, bodyOf('POST /api/projects'), create)).toEqual([]);
    expect(schemaProblems(doc, bodyOf('POST /api/projects'), { ...create, targets: { seatsPlanned: 1080 } })).not.toEqual([]);
    const project = (await stack.http.post('/api/projects').set('Authorization', org.coordinator).send(create).expect(201)).body;
    const report = { narrative: '主体结构施工中', figures: { seatsDelivered: 440, quantities: { seats: 440 } } };
    expect(schemaProblems(doc, bodyOf('POST /api/projects/{id}/reports'), report)).toEqual([]);
    await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).send(report).expect(201);
    const half = { narrative: '进展', figures: { seatsDelivered: 2.5 } };
    expect(schemaProblems(doc, doc.components.schemas.SchoolConstructionFigures, half.figures)).not.toEqual([]);
    const refused = await stack.http.post(`/api/projects/${project.id}/reports`).set('Authorization', org.owner).send(half).expect(400);
    expect(refused.body.details[0].field).toBe('figures.seatsDelivered');
  });
});
