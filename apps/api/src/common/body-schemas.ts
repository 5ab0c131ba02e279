import { POLICY_FIELDS } from '../../../../libs/domain/src/deadline';
import { ISO_DURATION_PATTERN } from '../../../../libs/domain/src/duration';
import { FIGURE_FIELDS, PROJECT_KINDS, ProjectKind, TARGET_FIELDS } from '../../../../libs/domain/src/kinds';
import { FieldSpec, Fields } from '../../../../libs/domain/src/kinds/fields';
import { PORTFOLIO_TARGET_FIELDS } from '../../../../libs/domain/src/portfolio';
import { FIGURES, KIND_FIGURE_NAMES, PLAN_FIGURE_FIELDS, QUANTITY_TARGET_FIELDS, TEMPLATE_FIELDS } from '../../../../libs/domain/src/targets';
import { DAY_PATTERN } from './dto';

type Schema = Record<string, any>;


/** How a kind's own figure reads: "学位（个），delivered side of seats" — the unit comes from the figure catalogue. */
function figureNote(name: string): string | undefined {
  const alias = KIND_FIGURE_NAMES[name];
  const def = alias && FIGURES.find((f) => f.key === alias.figure);
  return def ? `${def.name}（${def.unit}）: the ${alias.basis} side of the figure ${def.key}` : undefined;
}

/** The JSON schema of one field of a domain table: the measure's type and bounds, then the table's own words. */
export function fieldSchema(spec: FieldSpec, name?: string): Schema {
  const base = ((): Schema => {
    switch (spec.is) {
      case 'count': return { type: 'integer', minimum: 0 };
      case 'quantity': return { type: 'number', minimum: 0 };
      case 'ratio': return { type: 'number', minimum: 0, maximum: 1 };
      case 'day': return { type: 'string', format: 'date', pattern: DAY_PATTERN };
      case 'dayOrInstant': return { type: 'string', description: 'A day YYYY-MM-DD or an ISO 8601 date-time' };
      case 'oneOf': return { type: 'string', enum: [...(spec.values ?? [])] };
      case 'duration': return { type: 'string', pattern: ISO_DURATION_PATTERN, example: 'P5D' };
      case 'text': return { type: 'string' };
      case 'integer': return { type: 'integer' };
      case 'boolean': return { type: 'boolean' };
      case 'uuid': return { type: 'string', format: 'uuid' };
      case 'timeZone': return { type: 'string', example: 'Asia/Shanghai' };
      case 'list': return { type: 'array', items: fieldSchema(spec.of!) };
      case 'object': return objectSchema(spec.fields!);
      case 'record': return { type: 'object', additionalProperties: fieldSchema(spec.of!), ...(spec.maxEntries ? { maxProperties: spec.maxEntries } : {}) };
    }
  })();
  const words: Schema = {
    minimum: spec.minimum, maximum: spec.maximum, minLength: spec.minLength, maxLength: spec.maxLength,
    pattern: spec.pattern?.source, minItems: spec.minItems, maxItems: spec.maxItems,
  };
  for (const [k, v] of Object.entries(words)) if (v !== undefined) base[k] = v;
  const description = [name ? figureNote(name) : undefined, spec.description, base.description].filter(Boolean).join('. ');
  return description ? { ...base, description } : base;
}

/** An object of a table's fields: unknown fields refused, as the validators refuse them. */
export function objectSchema(fields: Fields, opts: { allOptional?: boolean } = {}): Schema {
  const required = Object.entries(fields).filter(([, s]) => !s.optional && !opts.allOptional).map(([k]) => k);
  return {
    type: 'object',
    properties: Object.fromEntries(Object.entries(fields).map(([k, s]) => [k, fieldSchema(s, k)])),
    ...(required.length ? { required } : {}),
    additionalProperties: false,
  };
}

const pascal = (kind: string) => kind.replace(/(^|_)([a-z])/g, (_, __, c: string) => c.toUpperCase());
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const targetsName = (k: ProjectKind) => `${pascal(k)}Targets`;
const figuresName = (k: ProjectKind) => `${pascal(k)}Figures`;
const createName = (k: ProjectKind) => `Create${pascal(k)}Project`;

/** The schemas the domain tables render to, by component name. */
export function bodyComponents(): Record<string, Schema> {
  const out: Record<string, Schema> = {
    DeadlinePolicy: {
      ...objectSchema(POLICY_FIELDS, { allOptional: true }),
      description: "A deadline policy or the part of it that changes: absent fields keep the plan's (or the default) value",
    },
    QuantityTarget: { ...objectSchema(QUANTITY_TARGET_FIELDS), description: 'A quantity the project commits to: a target (at least or at most), or a range min..max' },
    PortfolioTarget: { ...objectSchema(PORTFOLIO_TARGET_FIELDS), description: 'A target over the plan’s projects, due by byDate: exactly one of count or sumOf' },
    PlanTemplate: { ...objectSchema(TEMPLATE_FIELDS), description: "The plan's own project template" },
    PlanFigure: { ...objectSchema(PLAN_FIGURE_FIELDS), description: "The plan's own figure, besides the built-in ones" },
  };
  for (const k of PROJECT_KINDS) {
    out[targetsName(k)] = { ...objectSchema(TARGET_FIELDS[k]), description: `The targets of a ${k} project` };
    out[figuresName(k)] = { ...objectSchema(FIGURE_FIELDS[k]), description: `The figures a ${k} project reports: running totals as of the report` };
    out[createName(k)] = {
      allOf: [
        ref('CreateProjectDto'),
        {
          type: 'object',
          required: k === 'generic' ? ['kind'] : ['kind', 'targets'],
          properties: { kind: { type: 'string', enum: [k] }, targets: ref(targetsName(k)) },
        },
      ],
    };
  }
  return out;
}

const day = { type: 'string', format: 'date', pattern: DAY_PATTERN };
const policy = ref('DeadlinePolicy');
const listOf = (name: string) => ({ type: 'array', items: ref(name) });
const anyKind = (name: (k: ProjectKind) => string) => ({ anyOf: PROJECT_KINDS.map((k) => ref(name(k))) });

/** The body fields the class-validator DTOs leave open and the domain tables describe, by DTO and property. */
const OPEN_FIELDS: Record<string, Record<string, Schema>> = {
  CreatePlanDto: { policy, portfolioTargets: listOf('PortfolioTarget'), templates: listOf('PlanTemplate'), figures: listOf('PlanFigure') },
  UpdatePlanDto: { policy, portfolioTargets: listOf('PortfolioTarget'), templates: listOf('PlanTemplate'), figures: listOf('PlanFigure') },
  CreateProjectDto: {
    targets: { ...anyKind(targetsName), description: 'The targets of the project’s kind (see the Create…Project bodies)' },
    stageDates: { type: 'object', additionalProperties: day, description: 'Explicit due dates by stage key of the template (approval, design …), in stage order; the last equals dueDate' },
    policy,
    quantities: listOf('QuantityTarget'),
    tags: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 40 } },
    pastStages: { type: 'object', additionalProperties: day, description: "The day each stage before currentStage was really reached (YYYY-MM-DD, plan's zone, in stage order, none in the future)" },
  },
  SubmitReportDto: { figures: { ...anyKind(figuresName), description: "The figures of the project's kind: running totals as of the report" } },
};

/** The request bodies that differ by kind, as one schema per kind discriminated by `kind`. */
const BY_KIND: Record<string, Schema> = {
  CreateProjectDto: {
    oneOf: PROJECT_KINDS.map((k) => ref(createName(k))),
    discriminator: { propertyName: 'kind', mapping: Object.fromEntries(PROJECT_KINDS.map((k) => [k, `#/components/schemas/${createName(k)}`])) },
  },
};

/**
 * Completes the document's bodies from the domain tables: the kind rules' targets and figures, the deadline policy,
 * quantity and portfolio targets, templates and figures of a plan, and the project creation body per kind.
 */
export function describeBodies(doc: { components?: { schemas?: Record<string, any> }; paths: Record<string, any> }): void {
  const schemas = (doc.components!.schemas ??= {});
  Object.assign(schemas, bodyComponents());
  for (const [dto, fields] of Object.entries(OPEN_FIELDS)) {
    const props = schemas[dto]?.properties;
    if (!props) continue;
    for (const [name, schema] of Object.entries(fields)) {
      const before: Schema = props[name] ?? {};
      const kept = Object.fromEntries(Object.entries(before).filter(([k]) => ['description', 'example', 'maxItems', 'minItems'].includes(k)));
      const merged: Schema = { ...schema, ...kept };
      // A reference takes no sibling words in OpenAPI 3.0: wrap it where a description travels with it.
      props[name] = merged.$ref && Object.keys(merged).length > 1 ? { ...kept, allOf: [{ $ref: merged.$ref }] } : merged;
    }
  }
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item as Record<string, any>)) {
      const content = op?.requestBody?.content?.['application/json'];
      const name = typeof content?.schema?.$ref === 'string' ? content.schema.$ref.split('/').pop() : undefined;
      if (name && BY_KIND[name]) content.schema = BY_KIND[name];
    }
  }
}
