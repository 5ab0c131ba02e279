import { DateTime } from 'luxon';
import { evaluateKind, schoolMilestonesFromOpening, validateFigures, validateTargets } from '../../domain/src/kinds';
import { validatePortfolioTarget } from '../../domain/src/portfolio';
import { validateClassification, validateQuantityFigures, validateQuantityTargets } from '../../domain/src/targets';
import { demoContent } from './demo-content';

// The demo is placed relative to the day it is first loaded: it must load, and show every colour, whatever that day is.
describe.each(['2026-11-22', '2026-12-30', '2027-01-01', '2027-06-15', '2028-02-29'])('the demo loaded on %s', (day) => {
  const today = DateTime.fromISO(`${day}T10:00:00`, { zone: 'Asia/Shanghai' });
  const content = demoContent(today);
  const projects = content.plans.flatMap((p) => p.projects);

  it('refers only to its own units and users, and every name is unique', () => {
    const units = new Set(content.units.map((u) => u.code));
    const users = new Set(content.users.map((u) => u.username));
    expect(units.size).toBe(content.units.length);
    expect(users.size).toBe(content.users.length);
    for (const u of content.units) if (u.parent) expect(units).toContain(u.parent);
    for (const p of projects) expect([units.has(p.lead), users.has(p.owner)]).toEqual([true, true]);
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
  });

  it('has valid targets, figures, dates and portfolio targets', () => {
    for (const plan of content.plans) plan.portfolioTargets.forEach((t, i) => validatePortfolioTarget(t, `${plan.name}.portfolioTargets[${i}]`));
    for (const p of projects) {
      expect(p.startDate <= p.dueDate).toBe(true);
      validateTargets(p.kind, p.targets ?? {});
      for (const s of p.steps ?? []) if (s.figures) validateFigures(p.kind, s.figures);
      if (p.kind === 'school_construction') schoolMilestonesFromOpening(p.dueDate, { startDate: p.startDate, stageDates: p.stageDates });
      for (const m of p.milestones ?? []) expect(m.dueDate <= p.dueDate).toBe(true);
      const quantities = validateQuantityTargets(p.quantities ?? []);
      validateClassification(p);
      for (const s of p.steps ?? []) if (s.figures?.quantities) validateQuantityFigures(s.figures.quantities, quantities);
    }
  });

  it('its figures put every measured kind in green, yellow and red by the kind rules', () => {
    const now = today.toISO()!;
    const colours: Record<string, Set<string>> = {};
    for (const p of projects.filter((x) => x.kind !== 'generic')) {
      const accepted = (p.steps ?? []).filter((s) => s.review === 'accept');
      const milestones = p.kind === 'school_construction' ? schoolMilestonesFromOpening(p.dueDate, { startDate: p.startDate, stageDates: p.stageDates }) : [];
      const verdict = evaluateKind(p.kind, p.targets, accepted.filter((s) => s.figures).map((s) => ({ at: now, figures: s.figures })), now, {
        milestones, acceptedStages: accepted.map((s) => s.milestoneId!).filter(Boolean),
      });
      (colours[p.kind] ??= new Set()).add(verdict.status);
    }
    for (const kind of ['school_construction', 'teacher_rotation', 'training_quota', 'indicator']) {
      expect([kind, ...['green', 'yellow', 'red'].map((c) => colours[kind].has(c))]).toEqual([kind, true, true, true]);
    }
  });
});
