import { proxyActivities } from '@temporalio/workflow';
import type { ChannelActivities } from '../../activities/channels/channels.activities.interface';
import type { CircularActivities, IssuedCircular } from '../../activities/circulars/circulars.activities.interface';
import { nowIso } from '../shared/deadline-events';
import { RETRY_UNTIL_DONE } from '../shared/retry';
import type { CircularWorkflowInput } from './dispatch.messages';

const { issueCircular } = proxyActivities<CircularActivities>({ startToCloseTimeout: '1 minute', retry: RETRY_UNTIL_DONE });
const { notifyUsers } = proxyActivities<ChannelActivities>({ startToCloseTimeout: '1 minute', retry: RETRY_UNTIL_DONE });

/** Issues the plan's next circular (通报) and tells the units and the leaders. */
export async function circularWorkflow(input: CircularWorkflowInput): Promise<IssuedCircular> {
  const circular = await issueCircular({ ...input, issuedAt: nowIso() });
  await notifyUsers({
    eventKey: `circular:${circular.id}`, recipientUserIds: circular.recipientUserIds, kind: 'circular',
    title: circular.title, body: circular.summary,
    data: { circularId: circular.id, planId: circular.planId, year: circular.year, number: circular.number },
  });
  return circular;
}
