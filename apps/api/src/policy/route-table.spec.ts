import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { RULES, Rule } from './access.rules';
import { POLICY_RULE } from './policy.decorator';

const MODULES = join(__dirname, '../modules');
const ROLES = ['admin', 'coordinator', 'leader', 'owner'] as const;

/** Every route of every controller with the rule it names, read from the decorators (no server). */
function routes(): Array<{ route: string; rule: Rule | undefined }> {
  const out: Array<{ route: string; rule: Rule | undefined }> = [];
  for (const area of readdirSync(MODULES)) {
    for (const file of readdirSync(join(MODULES, area)).filter((f) => f.endsWith('.controller.ts'))) {
      for (const exported of Object.values(require(join(MODULES, area, file)) as Record<string, unknown>)) {
        if (typeof exported !== 'function' || Reflect.getMetadata(PATH_METADATA, exported) === undefined) continue;
        const base = String(Reflect.getMetadata(PATH_METADATA, exported)).replace(/^\/|\/$/g, '');
        for (const name of Object.getOwnPropertyNames(exported.prototype)) {
          const handler = exported.prototype[name];
          const method = Reflect.getMetadata(METHOD_METADATA, handler);
          if (name === 'constructor' || method === undefined) continue;
          const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '').replace(/^\//, '')].filter(Boolean).join('/').replace(/:(\w+)/g, '{$1}');
          out.push({ route: `${RequestMethod[method]} /${path}`, rule: Reflect.getMetadata(POLICY_RULE, handler) });
        }
      }
    }
  }
  return out.sort((a, b) => a.route.split(' ')[1].localeCompare(b.route.split(' ')[1]) || a.route.localeCompare(b.route));
}

/** "yes" (whatever ids), "scoped" (only the ids in the caller's scope; others 404), "—" (403/401). */
function cell(rule: Rule, role: (typeof ROLES)[number] | 'none'): string {
  const r = RULES[rule];
  if (!r.roles) return 'yes';
  if (role === 'none' || !(r.roles as readonly string[]).includes(role)) return '—';
  return r.scoped ? 'scoped' : 'yes';
}

describe('the role × route table', () => {
  it('every route names an access rule; the table says who may call it (ROUTE_TABLE=1 prints it)', () => {
    const all = routes();
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((r) => !r.rule).map((r) => r.route)).toEqual([]);
    if (process.env.ROUTE_TABLE) {
      const lines = ['| route | rule | admin | coordinator | leader | owner | no token |', '|---|---|---|---|---|---|---|'];
      for (const { route, rule } of all) lines.push(`| ${route} | ${rule} | ${[...ROLES, 'none' as const].map((role) => cell(rule!, role)).join(' | ')} |`);
      console.log(lines.join('\n'));
    }
  });
});
