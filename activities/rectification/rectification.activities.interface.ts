import type { Audience } from '../../libs/domain/src/deadline';
import type { RectificationSnapshot } from '../../workflows/rectification/rectification.messages';

export interface RectificationNotice {
  eventKey: string;
  planId: string;
  unitId: string;
  projectId?: string;
  /** owner: the unit's owner accounts; unitHead: its head; office: the plan's coordinators; leader: the leaders. */
  audience: Audience[];
  kind: string;
  level?: number;
  title: string;
  body: string;
  data?: Record<string, unknown>;
  /** What the notice says, rendered in each reader's language (see NotifyInput). */
  code?: string;
  params?: Record<string, string | number | boolean | null>;
}

/** What the rectification workflow proxies (besides planDeadlines, shared with the project workflow). */
export interface RectificationActivities {
  /** Writes the read model; never moves an item backwards (guarded by snapshot.version). */
  projectRectification(snapshot: RectificationSnapshot): Promise<void>;
  /** Tells the audience of the item's unit and plan, once per (event, recipient, channel). */
  notifyRectification(notice: RectificationNotice): Promise<number>;
}
