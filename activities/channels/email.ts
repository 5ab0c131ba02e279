import { createTransport, Transporter } from 'nodemailer';

export interface EmailMessage {
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

/** Sends mail over SMTP (SMTP_URL, e.g. smtps://user:pass@mail.example.cn:465), one transport reused across deliveries. */
export class EmailSender {
  private transport?: Transporter;

  constructor(
    private readonly smtpUrl: string,
    private readonly from: string,
  ) {}

  async send(m: EmailMessage): Promise<void> {
    // Timeouts well inside the activity's one minute, so a stalled server fails the attempt instead of hanging it.
    this.transport ??= createTransport({ url: this.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    // A fixed Message-ID lets mail systems drop the copy a retry after a crash might send.
    await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, messageId: m.messageId });
  }

  /** SMTP 5xx answers are permanent: retrying them cannot help. */
  static isPermanent(err: unknown): boolean {
    const code = (err as { responseCode?: number }).responseCode;
    return typeof code === 'number' && code >= 500 && code < 600;
  }
}
