import { requestHash, uuidFromName } from './idempotency';

describe('idempotency keys', () => {
  it('treats the same request written in another key order as the same request', () => {
    expect(requestHash({ narrative: 'x', figures: { rotated: 10, eligible: 100 } })).toBe(requestHash({ figures: { eligible: 100, rotated: 10 }, narrative: 'x' }));
  });

  it('tells different requests apart, arrays keeping their order', () => {
    expect(requestHash({ evidence: ['a', 'b'] })).not.toBe(requestHash({ evidence: ['b', 'a'] }));
    expect(requestHash({ figures: { rotated: 10 } })).not.toBe(requestHash({ figures: { rotated: 11 } }));
  });

  it('names the same new resource for the same key, a valid UUID', () => {
    expect(uuidFromName('user:POST /api/projects:k1')).toBe(uuidFromName('user:POST /api/projects:k1'));
    expect(uuidFromName('user:POST /api/projects:k1')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
