import { BadRequestException, Logger } from '@nestjs/common';
import { ApplicationFailure, WorkflowUpdateFailedError } from '@temporalio/client';
import { loadConfig } from '../../../../libs/config/src';
import { count, ratio } from '../../../../libs/domain/src/kinds/validation';
import { resolveFigureName } from '../../../../libs/domain/src/targets/figures';
import { renderMessage, renderText } from '../../../../libs/i18n/src';
import { ReviewReportDto, SubmitReportDto } from '../modules/reports/reports.dto';
import { PageQueryDto } from './dto';
import { AllExceptionsFilter } from './exception.filter';
import { createValidationPipe } from './validation';

type Detail = { field: string; message: string; code?: string; params?: Record<string, unknown> };

/** The answer the filter gives to `exception` for a caller whose Accept-Language is `language`. */
function answer(exception: unknown, language?: string): { statusCode: number; body: { message: string; code?: string; details?: Detail[] } } {
  const res = { statusCode: 0, body: undefined as never };
  const http = {
    getResponse: () => ({
      setHeader: () => undefined,
      status(code: number) {
        res.statusCode = code;
        return this;
      },
      json: (b: never) => (res.body = b),
    }),
    getRequest: () => ({ headers: language ? { 'accept-language': language } : {}, id: 'req-1' }),
  };
  new AllExceptionsFilter(loadConfig({ API_WAIT_TIMEOUT: 'PT10S' })).catch(exception, { switchToHttp: () => http } as never);
  return res;
}

const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('nothing thrown');
};

async function refusedByPipe(metatype: new () => object, value: unknown, type: 'body' | 'query' = 'body'): Promise<unknown> {
  try {
    await createValidationPipe().transform(value, { type, metatype, data: '' });
  } catch (e) {
    return e;
  }
  throw new Error('the pipe let it pass');
}

describe('field reasons in the caller’s language', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('says a domain refusal of one field in Chinese by default and in English on request, with what was written', () => {
    const e = thrown(() => count(-5, 'figures.seatsDelivered'));
    const zh = answer(e);
    expect(zh.statusCode).toBe(400);
    expect(zh.body.details).toEqual([
      { field: 'figures.seatsDelivered', message: 'figures.seatsDelivered：须为非负整数，实际填写 -5', code: 'field.non-negative-whole', params: { got: '-5' } },
    ]);
    const en = answer(e, 'en-US,en;q=0.9');
    expect(en.body.details?.[0].message).toBe('figures.seatsDelivered: must be a non-negative whole number, got -5');
  });

  it('keeps the misspelt name and the suggestion in both languages', () => {
    const e = thrown(() => resolveFigureName('seatDelivered', 'portfolioTargets[0].sumOf.field'));
    const [zh] = answer(e).body.details!;
    expect(zh.message).toMatch(/^portfolioTargets\[0\]\.sumOf\.field：未知的指标 "seatDelivered"（是否应为 "seatsDelivered"？）；可用指标：/);
    const [en] = answer(e, 'en').body.details!;
    expect(en.message).toMatch(/^portfolioTargets\[0\]\.sumOf\.field: unknown figure "seatDelivered" \(did you mean "seatsDelivered"\?\); known figures: /);
  });

  it('suggests the ratio for a percentage without float noise', () => {
    const e = thrown(() => ratio(33.3, 'figures.rate'));
    expect(answer(e).body.details![0].message).toBe('figures.rate：须为0到1之间的比例，实际填写 33.3（比例按0–1填写：33.3%应写作 0.333）');
    expect(answer(e, 'en').body.details![0].message).toBe('figures.rate: must be a ratio between 0 and 1, got 33.3 (ratios are 0..1: write 0.333 for 33.3%)');
  });

  it('uses plurals and grouping in the numbers of a reason', () => {
    expect(renderMessage('field.max-items', { most: 1 }, { locale: 'en' })).toBe('at most 1 item');
    expect(renderMessage('field.max-items', { most: 50 }, { locale: 'en' })).toBe('at most 50 items');
    expect(renderMessage('field.max-items', { most: 50 })).toBe('最多50项');
    expect(renderMessage('field.whole-range', { from: 1, to: 99_999, got: '0' })).toBe('须为1–99,999之间的整数，实际填写 0');
    expect(renderMessage('field.day-in-future', { day: '2026-12-01', today: '2026-11-23' }, { now: Date.parse('2026-11-23T10:00:00+08:00') })).toBe('12月1日晚于今天（11月23日）');
  });

  it('says class-validator failures with the decorator’s own values', async () => {
    const bad = await refusedByPipe(SubmitReportDto, { narrative: 'x', milestoneId: 'm'.repeat(65), colour: 'red' });
    const zh = answer(bad).body.details!;
    expect(zh).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'milestoneId', code: 'field.max-length', params: { most: 64 }, message: 'milestoneId：最多64个字符' }),
      expect.objectContaining({ field: 'colour', code: 'field.unknown-field-plain', message: 'colour：不是可识别的字段，请删除' }),
    ]));
    expect(answer(bad, 'en').body.details!.find((d) => d.field === 'milestoneId')!.message).toBe('milestoneId: must be at most 64 characters');

    const decision = answer(await refusedByPipe(ReviewReportDto, { decision: 'maybe' })).body.details!;
    expect(decision).toEqual([expect.objectContaining({ field: 'decision', message: 'decision：须为以下之一：accept, return；实际填写 "maybe"' })]);
    const page = answer(await refusedByPipe(PageQueryDto, { pageSize: 500 }, 'query')).body.details!;
    expect(page).toEqual([expect.objectContaining({ field: 'pageSize', message: 'pageSize：不能大于200', params: { bound: 200 } })]);
  });

  it('says a refused body that is not JSON in the caller’s language', () => {
    const notJson = Object.assign(new Error('Unexpected token'), { status: 400, type: 'entity.parse.failed' });
    expect(answer(notJson).body.details).toEqual([expect.objectContaining({ field: 'body', message: '请求体不是有效的 JSON' })]);
    expect(answer(notJson, 'en').body.details![0].message).toBe('The body is not valid JSON');
    expect(answer(new BadRequestException('x')).statusCode).toBe(400);
  });

  it('says a workflow’s refusal of a field from the code it carries, not from the English failure', () => {
    const failure = ApplicationFailure.create({
      type: 'ValidationError', message: 'figures.rotated: cannot exceed the 40 eligible teachers', nonRetryable: true,
      details: [{ field: 'figures.rotated', code: 'field.rotated-over-eligible', params: { eligible: 40 } }],
    });
    const e = new WorkflowUpdateFailedError('Workflow Update failed', failure);
    const zh = answer(e).body;
    expect(zh.code).toBeUndefined(); // a field reason does not stand for the whole answer
    expect(zh.message).toContain('figures.rotated');
    expect(zh.details).toEqual([expect.objectContaining({ field: 'figures.rotated', message: 'figures.rotated：不能超过应交流教师数 40人' })]);
    expect(answer(e, 'en').body.details![0].message).toBe('figures.rotated: cannot exceed the 40 eligible teachers');
  });
  it('says why an import row could not be created from the refusal’s own reason; an older row keeps its stored text', () => {
    const now = Date.parse('2026-11-23T10:00:00+08:00');
    const row = { code: 'import.create-failed', params: { detail: 'dueDate: must not be before startDate', reasonCode: 'field.not-before', field: 'dueDate', other: 'startDate', day: '2026-03-01' } };
    expect(renderText(row, { now })).toBe('创建项目失败：dueDate：不能早于startDate（3月1日）');
    expect(renderText(row, { now, locale: 'en' })).toBe('The project could not be created: dueDate: must not be before startDate 1 Mar');
    expect(renderText({ code: 'import.create-failed', params: { detail: 'x: no' } })).toBe('创建项目失败：x: no');
  });
});
