/**
 * The monitoring rules without a database: overdue (deadline strictly before the reference
 * date, completed by neither voice), the reference date of a period, disagreements (statuses
 * differ; major when only one says completed), responsible-body filtering, counts and trends.
 */
import { describe, expect, it } from 'vitest';
import {
  averageProgress,
  countStatuses,
  daysBetween,
  distinctBodies,
  isCalendarDate,
  isDisagreement,
  isMajorDisagreement,
  isOverdue,
  matchesResponsible,
  referenceDate,
  trendOf,
} from '../../../server/monitoring/rules.ts';

const v = (status: 'not_started' | 'in_progress' | 'completed' | 'delayed' | 'discontinued', progress = 50) => ({ status, progress });

describe('overdue', () => {
  it.each([
    ['past deadline, nobody completed', '2026-03-31', v('in_progress'), v('delayed'), true],
    ['past deadline, no entries at all', '2026-03-31', null, null, true],
    ['past deadline, discontinued by the government', '2026-03-31', v('discontinued'), null, true],
    ['past deadline, government says completed', '2026-03-31', v('completed'), v('delayed'), false],
    ['past deadline, NHRI says completed', '2026-03-31', v('in_progress'), v('completed'), false],
    ['deadline on the reference date itself', '2026-06-30', null, null, false],
    ['deadline after the reference date', '2026-09-30', null, null, false],
    ['no deadline', null, null, null, false],
  ] as const)('%s', (_label, deadline, government, nhri, overdue) => {
    expect(isOverdue(deadline, { government, nhri }, '2026-06-30')).toBe(overdue);
  });

  it('judges a past period at its end and the current period at today', () => {
    expect(referenceDate('2026-06-30', '2026-11-27')).toBe('2026-06-30');
    expect(referenceDate('2026-12-31', '2026-11-27')).toBe('2026-11-27');
    expect(daysBetween('2026-03-31', '2026-06-30')).toBe(91);
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-2-3')).toBe(false);
  });
});

describe('disagreement', () => {
  it.each([
    ['government completed, NHRI delayed', v('completed', 100), v('delayed', 40), true, true],
    ['in progress vs delayed', v('in_progress'), v('delayed'), true, false],
    ['same status, different progress', v('in_progress', 90), v('in_progress', 20), false, false],
    ['only one voice assessed', v('completed'), null, false, false],
  ] as const)('%s', (_label, government, nhri, disagree, major) => {
    expect(isDisagreement({ government, nhri })).toBe(disagree);
    expect(isMajorDisagreement({ government, nhri })).toBe(major);
  });
});

describe('responsible bodies', () => {
  it('matches one of several bodies, ignoring case, spacing and Unicode form', () => {
    expect(matchesResponsible('Affaires Etrangères | Justice', 'justice')).toBe(true);
    expect(matchesResponsible('Affaires Etrangères | Justice', 'Affaires  Etrange\u0300res')).toBe(true);
    expect(matchesResponsible('الشؤون الخارجية | العدل', 'العدل')).toBe(true);
    expect(matchesResponsible('Ministry of Labour, Employment', 'Employment')).toBe(false);
    expect(matchesResponsible('anything', null)).toBe(true);
  });

  it('lists distinct bodies once each, sorted', () => {
    expect(distinctBodies(['Justice | Interior', 'justice', 'Health; Interior'])).toEqual(['Health', 'Interior', 'Justice']);
  });
});

describe('counts and trends', () => {
  it('counts a voice’s entries by status, missing ones as not assessed', () => {
    expect(countStatuses([v('completed'), v('completed'), null, v('delayed')])).toEqual({
      not_started: 0,
      in_progress: 0,
      completed: 2,
      delayed: 1,
      discontinued: 0,
      not_assessed: 1,
    });
    expect(averageProgress([v('completed', 100), null, v('delayed', 35)])).toEqual({ average: 67.5, assessed: 2 });
    expect(averageProgress([null])).toEqual({ average: null, assessed: 0 });
  });

  it('gives the progress delta and the status change since the previous period', () => {
    expect(trendOf(v('in_progress', 40), v('completed', 100))).toEqual({ progressDelta: 60, previousStatus: 'in_progress', statusChanged: true });
    expect(trendOf(null, v('completed', 100))).toEqual({ progressDelta: null, previousStatus: null, statusChanged: false });
  });
});
