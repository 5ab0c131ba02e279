import { DateTime } from 'luxon';
import type { AppConfig, Logger } from '../../config/src';
import { DEMO_PASSWORD, demoContent, DemoPlan, DemoProject } from './demo-content';

/** A small JSON client for the product's own API. */
class DemoApi {
  private readonly tokens = new Map<string, string>();

  constructor(private readonly base: string) {}

  async call<T = any>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${json?.message ?? text}`);
    return json as T;
  }

  async login(username: string, password = DEMO_PASSWORD): Promise<string> {
    if (!this.tokens.has(username)) this.tokens.set(username, (await this.call('POST', '/api/auth/login', undefined, { username, password })).accessToken);
    return this.tokens.get(username)!;
  }

  /** Every item of a paged list. */
  async all<T>(path: string, token: string): Promise<T[]> {
    const items: T[] = [];
    for (let page = 1; ; page += 1) {
      const res = await this.call<{ items: T[]; total: number }>('GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}&pageSize=200`, token);
      items.push(...res.items);
      if (res.items.length === 0 || items.length >= res.total) return items;
    }
  }
}

export interface DemoSummary {
  units: number;
  users: number;
  plans: number;
  projects: number;
  reports: number;
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/**
 * Loads the demo organisation and its two plans through the API, so every project is a running workflow and
 * every report went through its owner and the plan's coordinator. Whatever already exists (units by code,
 * users by name, plans and projects by name) is left as it is, so running it again adds nothing.
 */
export async function seedDemo(config: AppConfig, logger: Logger, today = DateTime.now().setZone('Asia/Shanghai')): Promise<DemoSummary> {
  const host = ['0.0.0.0', '::'].includes(config.api.host) ? '127.0.0.1' : config.api.host;
  const api = new DemoApi(`http://${host}:${config.api.port}`);
  const content = demoContent(today);
  const created: DemoSummary = { units: 0, users: 0, plans: 0, projects: 0, reports: 0 };
  const admin = await api.login('admin', config.auth.adminPassword);

  const units = new Map((await api.all<{ id: string; code: string }>('/api/units', admin)).map((u) => [u.code, u.id]));
  for (const u of content.units.filter((x) => !units.has(x.code))) {
    const body = { code: u.code, name: u.name, type: u.type, parentId: u.parent ? units.get(u.parent) : undefined };
    units.set(u.code, (await api.call('POST', '/api/units', admin, body)).id);
    created.units += 1;
  }

  const users = new Map((await api.all<{ id: string; username: string }>('/api/users', admin)).map((u) => [u.username, u.id]));
  for (const u of content.users.filter((x) => !users.has(x.username))) {
    const body = { username: u.username, displayName: u.displayName, password: DEMO_PASSWORD, role: u.role, unitId: units.get(u.unit), isUnitHead: u.isUnitHead };
    users.set(u.username, (await api.call('POST', '/api/users', admin, body)).id);
    created.users += 1;
  }

  for (const plan of content.plans) await seedPlan(plan);
  logger.info({ created }, Object.values(created).some((n) => n > 0) ? 'demo data loaded' : 'demo data already present');
  return created;

  async function seedPlan(plan: DemoPlan): Promise<void> {
    const coordinator = await api.login(plan.coordinator);
    let planId = (await api.all<{ id: string; name: string }>('/api/plans', coordinator)).find((p) => p.name === plan.name)?.id;
    if (!planId) {
      const body = { name: plan.name, year: plan.year, ownerUnitId: units.get(plan.ownerUnit), portfolioTargets: plan.portfolioTargets };
      planId = (await api.call('POST', '/api/plans', coordinator, body)).id as string;
      created.plans += 1;
    }
    const existing = new Map((await api.all<{ id: string; name: string }>(`/api/projects?planId=${planId}`, coordinator)).map((p) => [p.name, p.id]));
    await inPool(plan.projects, 4, async (p) => {
      let projectId = existing.get(p.name);
      if (projectId && (await api.call<unknown[]>('GET', `/api/projects/${projectId}/reports`, coordinator)).length > 0) return;
      projectId ??= await createProject(planId!, coordinator, p);
      await tellStory(projectId, coordinator, p);
    });
  }

  async function createProject(planId: string, coordinator: string, p: DemoProject): Promise<string> {
    const body = {
      kind: p.kind, planId, name: p.name, leadUnitId: units.get(p.lead), ownerUserId: users.get(p.owner), responsibleHead: p.responsibleHead,
      startDate: p.startDate, dueDate: p.dueDate, targets: p.targets, milestones: p.milestones, stageDates: p.stageDates,
      category: p.category, workType: p.workType, tags: p.tags, template: p.template, quantities: p.quantities,
    };
    const project = await api.call('POST', '/api/projects', coordinator, body);
    created.projects += 1;
    return project.id;
  }

  /** The owner reports and the coordinator decides, step by step, as they would have over the past months. */
  async function tellStory(projectId: string, coordinator: string, p: DemoProject): Promise<void> {
    const owner = await api.login(p.owner);
    for (const step of p.steps ?? []) {
      const { report } = await api.call('POST', `/api/projects/${projectId}/reports`, owner, { milestoneId: step.milestoneId, figures: step.figures, narrative: step.narrative });
      created.reports += 1;
      const review = step.review === 'accept' ? { decision: 'accept' } : { decision: 'return', comment: step.review.return };
      await api.call('POST', `/api/reports/${report.id}/review`, coordinator, review);
    }
  }
}
