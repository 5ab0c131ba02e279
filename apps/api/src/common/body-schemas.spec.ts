import fc from 'fast-check';
import { validatePolicyOverride } from '../../../../libs/domain/src/deadline';
import { DomainValidationError } from '../../../../libs/domain/src/errors';
import { PROJECT_KINDS, ProjectKind, validateFigures, validateTargets } from '../../../../libs/domain/src/kinds';
import { validateQuantityTargets } from '../../../../libs/domain/src/targets';
import { bodyComponents } from './body-schemas';

type Schema = Record<string, any>;
const components = bodyComponents();
const resolve = (s: Schema): Schema => (s.$ref ? resolve(components[s.$ref.split('/').pop()]) : s);
const pascal = (kind: string) => kind.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());

/** Values a schema allows (the subset the domain tables render to), never at the edges the fuzzer tries. */
function valid(schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'integer': return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case 'number': return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return s.format === 'date' || /day YYYY-MM-DD/.test(s.description ?? '')
        ? fc.date({ min: new Date('2026-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10))
        : fc.string({ minLength: 1, maxLength: 10 });
    case 'array': return fc.array(valid(s.items), { maxLength: 3 });
    case 'object':
      if (!s.properties) return fc.dictionary(fc.constantFrom('seats', 'floorArea', 'kindergartens'), valid(s.additionalProperties), { maxKeys: 3 });
      return fc.record(Object.fromEntries(Object.entries(s.properties as Record<string, Schema>).map(([k, v]) => [k, valid(v)])), { requiredKeys: s.required ?? [] });
    default:
      throw new Error(`no values for ${JSON.stringify(s)}`);
  }
}

/** A value the schema refuses for one property: the wrong type, below its minimum, a fraction for a whole number, off its list. */
function outside(s: Schema): unknown[] {
  const r = resolve(s);
  const out: unknown[] = [{}, 'x'];
  if (r.type === 'integer') out.push(1.5, -1);
  if (r.type === 'number') out.push(-0.5, 'x');
  if (r.maximum !== undefined) out.push(r.maximum + 1);
  if (r.type === 'string') out.push(7);
  if (r.enum) out.push('not-in-the-list');
  return out.filter((v) => r.type !== 'object' || typeof v !== 'object');
}

const refusal = (run: () => unknown): string | undefined => {
  try {
    run();
    return undefined;
  } catch (e) {
    if (e instanceof DomainValidationError) return e.field;
    throw e;
  }
};

// Kinds whose targets or figures carry no rule across fields (rotated ≤ eligible, end ≥ start …): every value the schema allows passes.
const NO_CROSS_RULES = { targets: ['school_construction', 'teacher_rotation', 'generic'], figures: ['school_construction', 'training_quota', 'indicator', 'generic'] };

describe('the body schemas rendered from the domain tables', () => {
  it('describe every object they hold: properties or typed values, nothing left open', () => {
    const open: string[] = [];
    const walk = (s: Schema, at: string): void => {
      if (!s || s.$ref) return;
      for (const k of ['oneOf', 'anyOf', 'allOf']) (s[k] ?? []).forEach((x: Schema, i: number) => walk(x, `${at}/${k}${i}`));
      if (s.type === 'object' && !s.properties && typeof s.additionalProperties !== 'object') open.push(at);
      if (s.type === 'array' && !s.items?.type && !s.items?.$ref) open.push(`${at}[]`);
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v as Schema, `${at}.${k}`);
      if (s.items) walk(s.items, `${at}[]`);
      if (typeof s.additionalProperties === 'object') walk(s.additionalProperties, `${at}{}`);
    };
    for (const [name, s] of Object.entries(components)) walk(s, name);
    expect(open).toEqual([]);
  });

  it("give each kind's figures their measure: a school's seats delivered are whole and not negative, a rotation's three counts required", () => {
    expect(components.SchoolConstructionFigures.properties.seatsDelivered).toMatchObject({ type: 'integer', minimum: 0, description: expect.stringContaining('学位（个）') });
    expect(components.SchoolConstructionFigures.additionalProperties).toBe(false);
    expect(components.TeacherRotationFigures.required).toEqual(['eligible', 'rotated', 'rotatedBackbone']);
    expect(components.TeacherRotationTargets.properties.minRate).toMatchObject({ type: 'number', minimum: 0, maximum: 1 });
    expect(components.TrainingQuotaTargets.properties.personTimes.properties.county).toMatchObject({ type: 'integer', minimum: 0 });
    expect(components.DeadlinePolicy.properties.escalations.items.properties.notify.items.enum).toEqual(['owner', 'unitHead', 'office', 'leader']);
  });

  for (const kind of PROJECT_KINDS) {
    for (const side of ['targets', 'figures'] as const) {
      const schema = components[`${pascal(kind)}${side === 'targets' ? 'Targets' : 'Figures'}`];
      const check = (v: unknown) => (side === 'targets' ? validateTargets(kind as ProjectKind, v) : validateFigures(kind as ProjectKind, v));

      if (NO_CROSS_RULES[side].includes(kind)) {
        it(`${kind} ${side}: the validator accepts every value the schema allows`, () => {
          fc.assert(fc.property(valid(schema), (v) => refusal(() => check(v)) === undefined), { numRuns: 200 });
        });
      }

      it(`${kind} ${side}: the validator refuses, naming the field, what the schema refuses in it`, () => {
        const names = Object.keys(schema.properties);
        const cases = [...names.flatMap((k) => outside(schema.properties[k]).map((bad) => [k, bad] as const)), ['notAField', 1] as const];
        for (const [k, bad] of cases) {
          // Start from a value the validator takes, where one exists, so that only the bad field is wrong.
          const base = (NO_CROSS_RULES[side].includes(kind) ? fc.sample(valid(schema), { numRuns: 1, seed: 7 })[0] : {}) as Record<string, unknown>;
          const field = refusal(() => check({ ...base, [k]: bad }));
          expect({ k, bad, refused: field !== undefined && (field.startsWith(`${side}.${k}`) || !Object.keys(base).length) }).toEqual({ k, bad, refused: true });
        }
      });
    }
  }

  it('the deadline policy and quantity targets: what the schema allows in each field passes, an unknown field is refused', () => {
    const policy = components.DeadlinePolicy;
    for (const k of ['calendar', 'reminders', 'warningWindow', 'tolerance', 'repeatEvery']) {
      fc.assert(fc.property(valid(policy.properties[k]), (v) => {
        const value = k === 'reminders' ? (v as unknown[]).map(() => 'P3D') : ['warningWindow', 'repeatEvery'].includes(k) ? 'P2D' : v;
        return refusal(() => validatePolicyOverride({ [k]: value }, 'policy')) === undefined;
      }), { numRuns: 30 });
    }
    expect(new RegExp(policy.properties.warningWindow.pattern).test('P1DT2H')).toBe(true);
    expect(new RegExp(policy.properties.warningWindow.pattern).test('P')).toBe(false);
    expect(new RegExp(policy.properties.warningWindow.pattern).test('P1DT')).toBe(false);
    expect(refusal(() => validatePolicyOverride({ often: 'P1D' }, 'policy'))).toBe('policy.often');
    expect(Object.keys(components.QuantityTarget.properties)).toEqual(['figure', 'name', 'unit', 'direction', 'target', 'min', 'max', 'over', 'start', 'end', 'curve']);
    expect(refusal(() => validateQuantityTargets([{ figure: 'seats', target: 10, often: 1 }]))).toBe('quantities[0].often');
  });
});
