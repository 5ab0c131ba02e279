import type { NoticeText } from '../../libs/contracts/src/project';
import type { RectificationSnapshot } from '../../workflows/rectification/rectification.messages';

export interface RectificationNotice extends NoticeText {
  planId: string;
  unitId: string;
  projectId?: string;
}

/** What the rectification workflow proxies (besides planDeadlines, shared with the project workflow). */
export interface RectificationActivities {
  /** Writes the read model; never moves an item backwards (guarded by snapshot.version). */
  projectRectification(snapshot: RectificationSnapshot): Promise<void>;
  /** Tells the audience of the item's unit and plan, once per (event, recipient, channel). */
  notifyRectification(notice: RectificationNotice): Promise<number>;
}
