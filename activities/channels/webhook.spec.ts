import { ConfigError, parseWebhookUrls } from '../../libs/config/src/config';
import { redactUrl, webhookPayload } from './webhook';

const message = { deliveryId: 'd-1', eventKey: 'circular:c-1', kind: 'circular', title: '通报 2026年第3期', body: '红灯 2 项，黄灯 1 项。', data: { number: 3 }, recipients: ['王主任', '李老师'] };

describe('webhook payloads', () => {
  it('fits the DingTalk robot: markdown with a title and the text', () => {
    expect(webhookPayload('dingtalk', message)).toEqual({
      msgtype: 'markdown', markdown: { title: '通报 2026年第3期', text: '### 通报 2026年第3期\n\n红灯 2 项，黄灯 1 项。\n\n> 王主任、李老师' }, at: { isAtAll: false },
    });
  });

  it('fits the WeCom robot: markdown content', () => {
    expect(webhookPayload('wecom', message)).toEqual({ msgtype: 'markdown', markdown: { content: '### 通报 2026年第3期\n\n红灯 2 项，黄灯 1 项。\n\n> 王主任、李老师' } });
  });

  it('gives plain JSON receivers the event with its delivery id', () => {
    expect(webhookPayload('json', message)).toEqual({ id: 'd-1', eventKey: 'circular:c-1', kind: 'circular', title: '通报 2026年第3期', body: '红灯 2 项，黄灯 1 项。', recipients: ['王主任', '李老师'], data: { number: 3 } });
  });

  it('cuts long bodies for the robots, which cap message size', () => {
    const long = webhookPayload('wecom', { ...message, body: '长'.repeat(5000) }) as { markdown: { content: string } };
    expect(long.markdown.content.length).toBeLessThan(2000);
  });

  it('never shows a robot token', () => {
    expect(redactUrl('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe('https://oapi.dingtalk.com/robot/send');
  });
});

describe('WEBHOOK_URLS', () => {
  it('reads formats and URLs separated by commas or white space; a bare URL is plain JSON', () => {
    expect(parseWebhookUrls('dingtalk=https://oapi.dingtalk.com/robot/send?access_token=a, wecom=https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=b\nhttp://10.0.0.5/hook')).toEqual([
      { format: 'dingtalk', url: 'https://oapi.dingtalk.com/robot/send?access_token=a' },
      { format: 'wecom', url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=b' },
      { format: 'json', url: 'http://10.0.0.5/hook' },
    ]);
    expect(parseWebhookUrls(undefined)).toEqual([]);
  });

  it('names the setting when an entry is not an http(s) URL', () => {
    expect(() => parseWebhookUrls('slack=https://x')).toThrow(ConfigError);
    expect(() => parseWebhookUrls('wecom=ftp://x')).toThrow(/WEBHOOK_URLS/);
  });
});
