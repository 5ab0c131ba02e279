import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Context } from '@temporalio/activity';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { SearchAttributeType } from '@temporalio/common';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, WorkerOptions } from '@temporalio/worker';
import type { ProjectActivities } from '../../activities/project/project.activities.interface';
import type {
  AuditEvent,
  ExtensionView,
  MilestoneSpec,
  NotifyInput,
  PlanDeadlinesResult,
  ProjectionInput,
  ProjectSnapshot,
  ProjectSpec,
  ReportView,
} from '../../libs/contracts/src/project';
import { SEARCH_ATTRIBUTE_TYPES } from '../../libs/contracts/src/search-attributes';
import { CalendarData } from '../../libs/domain/src/calendar/calendar';
import { seedCalendarFromPackage } from '../../libs/domain/src/calendar/seed';
import { DEFAULT_POLICY, DeadlinePolicy, planDeadline } from '../../libs/domain/src/deadline';
import { freePort, waitForPort } from '../../libs/embedded/src/net';
import { toolPaths } from '../../libs/embedded/src/tools';
import { projectWorkflow } from '../../workflows';
import { ProjectWorkflowInput, snapshotQuery } from '../../workflows/project/project.messages';

const quiet = new DefaultLogger('ERROR');
let runtimeReady = false;

/** One time-skipping test server and one workflow bundle for a test file. */
export interface TimeSkipping {
  testEnv: TestWorkflowEnvironment;
  workflowBundle: { code: string };
}

export async function startTimeSkipping(): Promise<TimeSkipping> {
  if (!runtimeReady) {
    Runtime.install({ logger: quiet, telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' } } } });
    runtimeReady = true;
  }
  const [testEnv, workflowBundle] = await Promise.all([
    timeSkippingServer(),
    bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quiet }),
  ]);
  return { testEnv, workflowBundle };
}

/** The SDK gives its test server 5 s to start, too little for a JVM on a loaded machine: start it here, with a minute. */
async function timeSkippingServer(): Promise<TestWorkflowEnvironment> {
  const port = await freePort();
  const server = spawn(toolPaths().testServer, [String(port)], { stdio: 'ignore' });
  try {
    await waitForPort(port, 'the time-skipping test server', 90_000);
    const create = (TestWorkflowEnvironment as unknown as { create(opts: object): Promise<TestWorkflowEnvironment> }).create.bind(TestWorkflowEnvironment);
    const env = await create({ supportsTimeSkipping: true, server: { type: 'existing' }, address: `127.0.0.1:${port}` });
    // Project workflows upsert their search attributes: register them as the dev server does at start.
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(Object.entries(SEARCH_ATTRIBUTE_TYPES).map(([name, type]) => [name, encodeSearchAttributeIndexedValueType(type as SearchAttributeType)!])),
    });
    const teardown = env.teardown.bind(env);
    env.teardown = async () => {
      await teardown();
      server.kill();
    };
    return env;
  } catch (err) {
    server.kill();
    throw err;
  }
}

/** One user-visible notification: one audience of one event. */
export interface Delivered {
  key: string;
  eventKey: string;
  audience: NotifyInput['audience'][number];
  kind: NotifyInput['kind'];
  level?: number;
  data: Record<string, unknown>;
  /** Server time at which the workflow asked for it. */
  at: string;
}

/**
 * In-memory ProjectActivities: the real deadline planner on `calendar` (mutable, like the admin's calendar),
 * a read model that keeps the highest version, and an inbox deduplicated by event and audience like the real one.
 */
export class FakeProjectActivities {
  calendar: CalendarData;
  /** Every notify call, retries and repeats included. */
  readonly notifyCalls: NotifyInput[] = [];
  readonly delivered: Delivered[] = [];
  readonly plans: PlanDeadlinesResult[] = [];
  snapshot?: ProjectSnapshot;
  readonly events: AuditEvent[] = [];
  readonly reports = new Map<string, ReportView>();
  readonly extensions = new Map<string, ExtensionView>();
  /** Read-model writes started so far. */
  projections = 0;
  /** While set, every read-model write waits for it: a stalled database. */
  hold?: Promise<void>;

  constructor(calendar: CalendarData = seedCalendarFromPackage()) {
    this.calendar = calendar;
  }

  readonly activities: ProjectActivities = {
    planDeadlines: async ({ policy, milestones, repeatCount }) => {
      const plans = Object.fromEntries(milestones.map((m) => [m.id, planDeadline({ deadline: m.dueAt, policy, calendar: this.calendar, repeatCount })]));
      this.plans.push(plans);
      return plans;
    },
    projectProject: async ({ snapshot, reports, extensions, events }) => {
      this.projections += 1;
      if (this.hold) await this.hold;
      if (!this.snapshot || snapshot.version > this.snapshot.version) this.snapshot = snapshot;
      for (const r of reports) this.reports.set(r.id, r);
      for (const x of extensions) this.extensions.set(x.id, x);
      for (const e of events) if (!this.events.some((seen) => seen.seq === e.seq)) this.events.push(e);
    },
    notify: async (input) => {
      this.notifyCalls.push(input);
      const at = new Date(Context.current().info.currentAttemptScheduledTimestampMs).toISOString();
      let created = 0;
      for (const audience of input.audience) {
        const key = `${input.eventKey}:${audience}`;
        if (this.delivered.some((d) => d.key === key)) continue;
        this.delivered.push({ key, eventKey: input.eventKey, audience, kind: input.kind, level: input.level, data: input.data ?? {}, at });
        created += 1;
      }
      return created;
    },
    recordChange: async ({ projection, notice, mootIfSettled }) => {
      await this.activities.projectProject(projection);
      const settled = this.snapshot && (this.snapshot.closedAt || this.snapshot.milestones.find((m) => m.id === mootIfSettled)?.state === 'accepted');
      if (notice && !(mootIfSettled !== undefined && settled)) await this.activities.notify(notice);
    },
  };

  /** What the API does with a change answered before the workflow's write: it writes the projection at once. */
  callerWrites(projection: ProjectionInput): void {
    if (!this.snapshot || projection.snapshot.version > this.snapshot.version) this.snapshot = projection.snapshot;
    for (const r of projection.reports) this.reports.set(r.id, r);
    for (const x of projection.extensions) this.extensions.set(x.id, x);
    for (const e of projection.events) if (!this.events.some((seen) => seen.seq === e.seq)) this.events.push(e);
  }

  /** Deadline notifications (reminders, overdue, escalations) of one milestone, in order. */
  deadlineNotices(milestoneId?: string): Delivered[] {
    return this.delivered.filter((d) => ['reminder', 'overdue', 'escalation'].includes(d.kind) && (!milestoneId || d.data.milestoneId === milestoneId));
  }
}

/** A generic project with the given milestones and policy; ids unique per call. */
export function projectSpec(milestones: Array<Pick<MilestoneSpec, 'id' | 'dueAt'> & Partial<MilestoneSpec>>, policy: DeadlinePolicy = DEFAULT_POLICY, extra: Partial<ProjectSpec> = {}): ProjectSpec {
  const last = milestones.map((m) => m.dueAt).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1)!;
  return {
    projectId: randomUUID(),
    planId: 'plan-2026',
    kind: 'generic',
    name: '课后服务全覆盖',
    leadUnitId: 'unit-district',
    ownerUserId: 'user-owner',
    startDate: '2026-01-01',
    dueDate: last.slice(0, 10),
    targets: {},
    policy,
    milestones: milestones.map((m, i) => ({ name: `阶段${i + 1}`, weight: 1, order: i + 1, ...m })),
    createdBy: 'user-coordinator',
    ...extra,
  };
}

/**
 * Runs `body` with a worker on its own task queue, starting workflows there. Afterwards each workflow is let
 * come to rest, then terminated: the test server stops skipping time for good when a workflow is terminated
 * with a task in flight, and a workflow left running would hold its clock on timers no worker serves.
 */
export async function withProjectWorker<T>(
  ts: TimeSkipping,
  fake: FakeProjectActivities,
  body: (ctx: { start(spec: ProjectSpec, plans?: ProjectWorkflowInput['plans']): Promise<WorkflowHandleWithFirstExecutionRunId<typeof projectWorkflow>> }) => Promise<T>,
  options: Partial<WorkerOptions> = {},
): Promise<T> {
  const taskQueue = `project-${randomUUID()}`;
  const worker = await Worker.create({ connection: ts.testEnv.nativeConnection, taskQueue, workflowBundle: ts.workflowBundle, activities: fake.activities, ...options });
  const started: WorkflowHandle<typeof projectWorkflow>[] = [];
  const start = async (spec: ProjectSpec, plans?: ProjectWorkflowInput['plans']) => {
    const handle = await ts.testEnv.client.workflow.start(projectWorkflow, { args: [{ spec, ...(plans && { plans }) }], workflowId: `project-${spec.projectId}`, taskQueue });
    started.push(handle);
    return handle;
  };
  return worker.runUntil(async () => {
    try {
      return await body({ start });
    } finally {
      for (const h of started) {
        await until(() => idle(h), () => 'the workflow to come to rest').catch(() => undefined);
        await h.terminate('test over').catch(() => undefined); // already completed
      }
    }
  });
}

/** Skips server time to `iso`, then waits until the workflow has handled every event due by then. */
export async function sleepUntil(ts: TimeSkipping, handle: WorkflowHandle, iso: string): Promise<void> {
  const ms = Date.parse(iso) - (await ts.testEnv.currentTimeMs());
  if (ms > 0) await ts.testEnv.sleep(ms);
  await settled(ts, handle);
}

/** Waits until the workflow has no task or activity in flight and no event due by server time is left unhandled. */
export async function settled(ts: TimeSkipping, handle: WorkflowHandle): Promise<ProjectSnapshot> {
  const now = await ts.testEnv.currentTimeMs();
  let snap: ProjectSnapshot | undefined;
  await until(async () => {
    if (!(await idle(handle))) return false;
    snap = await handle.query(snapshotQuery);
    return snap.milestones.every((m) => !m.nextEvent || Date.parse(m.nextEvent.at) > now);
  }, () => `the workflow to settle at ${new Date(now).toISOString()}: next events ${JSON.stringify(snap?.milestones.map((m) => m.nextEvent))}`);
  return snap!;
}

/** From the history of the current run: every workflow task completed and every activity closed. */
async function idle(handle: WorkflowHandle): Promise<boolean> {
  const { events } = await handle.fetchHistory();
  const openActivities = new Set<string>();
  let taskPending = false;
  for (const e of events ?? []) {
    if (e.activityTaskScheduledEventAttributes) openActivities.add(String(e.eventId));
    const closed = e.activityTaskCompletedEventAttributes ?? e.activityTaskFailedEventAttributes ?? e.activityTaskTimedOutEventAttributes ?? e.activityTaskCanceledEventAttributes;
    if (closed) openActivities.delete(String(closed.scheduledEventId));
    if (e.workflowTaskScheduledEventAttributes) taskPending = true;
    if (e.workflowTaskCompletedEventAttributes) taskPending = false;
  }
  return openActivities.size === 0 && !taskPending;
}

/** Polls `check` (real time, 50 ms apart) until it holds; fails after 10 s saying what it waited for. */
export async function until(check: () => boolean | Promise<boolean>, what: () => string): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    if (i >= 200) throw new Error(`Gave up waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Saves a workflow's history for the replay test (added, never overwritten), as `temporal workflow show --output json` gives it. */
export function recordHistory(name: string, workflowId: string, ts: TimeSkipping): void {
  const file = path.resolve(__dirname, '../replay/histories', `${name}.json`);
  if (fs.existsSync(file)) throw new Error(`${file} exists: histories are added, never re-recorded`);
  const json = execFileSync(toolPaths().temporalCli, ['workflow', 'show', '--workflow-id', workflowId, '--output', 'json', '--address', ts.testEnv.address], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  fs.writeFileSync(file, json);
}
