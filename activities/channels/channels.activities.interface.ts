/** A notice to some users: their in-app inbox, then every configured channel (email, webhooks). */
export interface NoticeInput {
  /** Deterministic key of the event; with recipient and channel it makes a notice unique. */
  eventKey: string;
  recipientUserIds: string[];
  kind: string;
  title: string;
  body: string;
  level?: number;
  projectId?: string;
  data?: Record<string, unknown>;
  /** The notice as data (catalogue code of `<code>.title`/`<code>.body`, and params): rendered in each reader's language. */
  code?: string;
  params?: Record<string, string | number | boolean | null | undefined>;
}

/** The channels beside the inbox for an event whose inbox notices are already written. */
export type FanOutInput = Omit<NoticeInput, 'projectId'>;

/** What workflows proxy to tell people. */
export interface ChannelActivities {
  /** Inbox notices plus email and webhook deliveries, each once per (event, recipient, channel). Returns how many inbox notices were new. */
  notifyUsers(input: NoticeInput): Promise<number>;
  /** Sends one recorded delivery; throws to be retried with backoff; a delivered one is never sent again. */
  deliver(deliveryId: string): Promise<void>;
  /** Records that a delivery gave up after its last attempt. */
  deliveryFailed(deliveryId: string, error: string): Promise<void>;
}
