import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { ChannelActivities } from '../../activities/channels/channels.activities.interface';

/** Attempts of one delivery before it is recorded as failed (about 20 minutes of backoff). */
export const DELIVERY_ATTEMPTS = 10;

const { deliver } = proxyActivities<ChannelActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: DELIVERY_ATTEMPTS },
});
const { deliveryFailed } = proxyActivities<ChannelActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

/**
 * One message over one channel to one recipient (an email address or a webhook endpoint). Its own workflow, so that
 * a dead endpoint retries with backoff without holding up the workflow that raised the event or any other channel.
 */
export async function deliveryWorkflow(deliveryId: string): Promise<'delivered' | 'failed'> {
  try {
    await deliver(deliveryId);
    return 'delivered';
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    await deliveryFailed(deliveryId, cause instanceof ApplicationFailure || cause instanceof Error ? cause.message : String(err));
    return 'failed';
  }
}
