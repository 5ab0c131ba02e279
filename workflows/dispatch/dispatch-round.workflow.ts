import { condition, executeChild, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { ChannelActivities } from '../../activities/channels/channels.activities.interface';
import type { DispatchActivities, RoundProject, RoundSummary } from '../../activities/dispatch/dispatch.activities.interface';
import type { ProjectActivities } from '../../activities/project/project.activities.interface';
import type { DeadlineEvent } from '../../libs/domain/src/deadline';
import { deadlineEventId, millisUntil, nextDeadlineEvent, nowIso, pendingDeadlineEvents, skipPastDeadlineEvents } from '../shared/deadline-events';
import { RETRY_UNTIL_DONE } from '../shared/retry';
import { circularWorkflow } from './circular.workflow';
import { circularWorkflowId, DispatchRoundInput, roundOpenedUpdate } from './dispatch.messages';

const { openRound, unreportedProjects, recordReminders, closeRound } = proxyActivities<DispatchActivities>({ startToCloseTimeout: '1 minute', retry: RETRY_UNTIL_DONE });
const { planDeadlines } = proxyActivities<ProjectActivities>({ startToCloseTimeout: '30 seconds', retry: RETRY_UNTIL_DONE });
const { notifyUsers } = proxyActivities<ChannelActivities>({ startToCloseTimeout: '1 minute', retry: RETRY_UNTIL_DONE });

export interface DispatchRoundResult extends RoundSummary {
  circularId: string;
  circularNumber: number;
}

/**
 * One dispatch round (定期调度): opens a reporting window, tells every owner of an open project, reminds those who
 * have not reported (the plan's reminder policy before the window closes), then records who reported, who did not and
 * every project's status, and issues the round's circular.
 */
export async function dispatchRoundWorkflow(input: DispatchRoundInput): Promise<DispatchRoundResult> {
  const roundId = input.roundId ?? uuid4();
  let opened = false;
  setHandler(roundOpenedUpdate, async () => {
    await condition(() => opened);
    return roundId;
  });

  const round = await openRound({
    roundId, planId: input.planId, workflowId: workflowInfo().workflowId, trigger: input.trigger, startedBy: input.startedBy,
    reportingWindow: input.reportingWindow, openedAt: nowIso(),
  });
  opened = true;

  const byOwner = (projects: RoundProject[]) => {
    const owners = new Map<string, RoundProject[]>();
    for (const p of projects) owners.set(p.ownerUserId, [...(owners.get(p.ownerUserId) ?? []), p]);
    return owners;
  };
  const names = (projects: RoundProject[]) => projects.map((p) => `「${p.name}」`).join('、');

  for (const [ownerUserId, projects] of byOwner(round.projects)) {
    await notifyUsers({
      eventKey: `dispatch-round:${roundId}:opened:${ownerUserId}`, recipientUserIds: [ownerUserId], kind: 'dispatch',
      title: `Dispatch round: report by ${round.closesAt} — ${round.planName}`,
      body: `A dispatch round of "${round.planName}" is open until ${round.closesAt}. Submit a progress report on ${names(projects)}.`,
      data: { roundId, planId: round.planId, closesAt: round.closesAt, projectIds: projects.map((p) => p.projectId) },
    });
  }

  // The window's close is a deadline like a milestone's: the plan's policy decides when owners are reminded.
  const { round: deadline } = await planDeadlines({ policy: round.policy, milestones: [{ id: 'round', dueAt: round.closesAt }], repeatCount: 0 });
  const reminders = { ...deadline, events: deadline.events.filter((e) => e.kind === 'reminder' && Date.parse(e.at) < Date.parse(round.closesAt)) };
  const fired: string[] = [];
  skipPastDeadlineEvents(reminders, fired);

  const remind = async (e: DeadlineEvent) => {
    const unreported = await unreportedProjects(roundId);
    for (const [ownerUserId, projects] of byOwner(unreported)) {
      await notifyUsers({
        eventKey: `dispatch-round:${roundId}:${deadlineEventId(e)}:${ownerUserId}`, recipientUserIds: [ownerUserId], kind: 'reminder',
        title: `Reminder: dispatch round closes ${round.closesAt} — ${round.planName}`,
        body: `No progress report yet on ${names(projects)} in the dispatch round of "${round.planName}". The round closes ${round.closesAt}.`,
        data: { roundId, planId: round.planId, closesAt: round.closesAt, projectIds: projects.map((p) => p.projectId) },
      });
    }
    if (unreported.length) await recordReminders({ roundId, projectIds: unreported.map((p) => p.projectId), at: e.at });
  };
  while (pendingDeadlineEvents(reminders, fired).length) {
    const e = await nextDeadlineEvent(reminders, fired, () => false);
    if (e) await remind(e);
  }
  await condition(() => false, millisUntil(round.closesAt));

  const summary = await closeRound({ roundId, closedAt: nowIso() });
  const issueKey = `round:${roundId}`;
  const circular = await executeChild(circularWorkflow, {
    workflowId: circularWorkflowId(issueKey),
    args: [{ planId: round.planId, issueKey, roundId, issuedBy: input.startedBy }],
  });
  return { ...summary, circularId: circular.id, circularNumber: circular.number };
}
