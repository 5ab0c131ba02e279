import { describe, expect, it } from 'vitest';
import { fieldReason } from './fieldReason';

describe('field errors beside their field', () => {
  it('drops the field path the API puts before the reason', () => {
    expect(fieldReason('figures.seatsDelivered', 'figures.seatsDelivered：须为非负整数，实际填写 -5')).toBe('须为非负整数，实际填写 -5');
    expect(fieldReason('milestones[0].dueDate', 'milestones[0].dueDate: must be a date')).toBe('must be a date');
    expect(fieldReason('name', '须填写')).toBe('须填写');
  });
});
