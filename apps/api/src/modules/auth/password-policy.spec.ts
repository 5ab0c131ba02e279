import { passwordProblems } from './password-policy';

const problems = (password: string, username = 'zm-owner') => passwordProblems(password, username, 10).map((p) => p.message);

describe('password policy', () => {
  it('12345678 is refused: too short and one of the most common passwords', () => {
    expect(problems('12345678')).toEqual(expect.arrayContaining([expect.stringMatching(/at least 10/), expect.stringMatching(/common/)]));
  });

  it('refuses common passwords whatever their case, and any password holding the username', () => {
    expect(problems('1234567890')).toEqual([expect.stringMatching(/common/)]);
    expect(problems('Password123')).toEqual([expect.stringMatching(/common/)]);
    expect(problems('zm-owner-2026')).toEqual([expect.stringMatching(/username/)]);
    expect(problems('ZMOWNER2026!')).toEqual([expect.stringMatching(/username/)]);
    expect(problems('aaaaaaaaaaaa')).toEqual(expect.arrayContaining([expect.stringMatching(/repeat/)]));
  });

  it('states the 72-byte limit instead of cutting: 24 Chinese characters fit, 25 do not', () => {
    expect(problems('教育局督导科重点项目督办'.repeat(2))).toEqual([]);
    expect(problems(`${'教育局督导科重点项目督办'.repeat(2)}x`)).toEqual([expect.stringMatching(/72 bytes/)]);
  });

  it('accepts a long, uncommon password and names the field it was given', () => {
    expect(problems('county-bureau-admin-7')).toEqual([]);
    expect(passwordProblems('short', 'x', 10, 'newPassword')[0].field).toBe('newPassword');
  });
});
