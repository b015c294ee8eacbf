import { createHmac } from 'node:crypto';
import { apportion, appendAll, estimatedPopulation, SeededRandom, solarYearRange, stableId, type DateRange, type IsoDate } from '@safety-graph/shared';
import type { CounselingCase, CounselingSession } from '../entities';
import type { DemoUnit } from './counselingUnits';

/**
 * Free counselling sessions held (by session date) in the police stations'
 * units of IR-10 per Solar Hijri year at scale 1: the plan's 36,000 for the
 * last full year. Welfare units charge for every session in the demo, so these
 * are also all the free sessions of the province.
 */
export const FREE_POLICE_SESSIONS_BY_YEAR: Readonly<Record<number, number>> = { 1403: 33_000, 1404: 36_000 };
/** About this share of a police unit's sessions are paid for (follow-ups with a private counsellor). */
const POLICE_PAID_SHARE = 0.06;
/** Sessions held at the welfare offices' units per year at scale 1, all paid. */
export const WELFARE_SESSIONS_BY_YEAR: Readonly<Record<number, number>> = { 1403: 3_600, 1404: 4_000 };

const TOPICS = [
  ['MARITAL_CONFLICT', 30],
  ['COMMUNICATION', 18],
  ['FINANCIAL_PRESSURE', 14],
  ['IN_LAW_RELATIONS', 12],
  ['ADDICTION_IN_FAMILY', 9],
  ['DOMESTIC_VIOLENCE', 7],
  ['INFIDELITY', 5],
  ['CHILD_CUSTODY', 5],
] as const;
/** About 35% of closed cases end reconciled. */
const OUTCOMES = [
  ['RECONCILED', 35],
  ['DIVORCED', 27],
  ['REFERRED', 20],
  ['WITHDRAWN', 18],
] as const;
const MODES = [
  ['IN_PERSON', 70],
  ['PHONE', 20],
  ['ONLINE', 10],
] as const;

/**
 * Demo pseudonyms are keyed hashes of a synthetic natural key, the same shape
 * the write path gives a national id; no real identifier is involved.
 */
const DEMO_PSEUDONYM_KEY = 'safety-graph demo: synthetic family counselling subjects';

function pseudonymOf(naturalKey: string): string {
  return createHmac('sha256', DEMO_PSEUDONYM_KEY).update(naturalKey).digest('hex');
}

/**
 * Dates as day numbers and back, remembered both ways: a national seed moves
 * millions of dates over a few hundred days.
 */
const dayNumbers = new Map<IsoDate, number>();
const datesOfDays = new Map<number, IsoDate>();

function dayNumberOf(date: IsoDate): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    day = Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
    dayNumbers.set(date, day);
  }
  return day;
}

function dateOfDayNumber(day: number): IsoDate {
  let date = datesOfDays.get(day);
  if (date === undefined) {
    date = new Date(day * 86_400_000).toISOString().slice(0, 10);
    datesOfDays.set(day, date);
  }
  return date;
}

function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDayNumber(dayNumberOf(date) + days);
}

function daysFrom(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

function weightedCode<T extends string>(random: SeededRandom, table: readonly (readonly [T, number])[]): T {
  return random.weighted(table, ([, weight]) => weight)[0];
}

/** How many sessions a unit holds in a year, and how many of them free. */
interface UnitYearGoal {
  sessions: number;
  free: number;
}

export interface DemoCaseData {
  cases: CounselingCase[];
  sessions: CounselingSession[];
}

/**
 * Cases open on any day of the years; each runs three weeks to five months
 * with three to eight sessions, the first on the day it opens. A case still
 * running at the end of the demo is OPEN and has had only the sessions that
 * fit. Sessions of a case opened late in a year may fall in the next year, so
 * every figure is counted by session date: a unit opens cases until the
 * sessions held in the year reach its goal, then exactly `free` of those are
 * marked free.
 */
function casesOfUnit(unit: DemoUnit, goals: ReadonlyMap<number, UnitYearGoal>, years: readonly number[]): DemoCaseData {
  const random = new SeededRandom(`divorce/cases/${unit.row.code}`);
  const ranges: DateRange[] = years.map(solarYearRange);
  const demoEnd = ranges[ranges.length - 1].to;
  const yearIndexOf = (date: IsoDate) => ranges.findIndex((range) => date >= range.from && date <= range.to);
  const heldInYear: CounselingSession[][] = years.map(() => []);
  const cases: CounselingCase[] = [];
  const sessions: CounselingSession[] = [];

  years.forEach((year, yearIndex) => {
    const range = ranges[yearIndex];
    const daysInYear = daysFrom(range.from, range.to) + 1;
    const goal = goals.get(year) ?? { sessions: 0, free: 0 };
    for (let index = 0; heldInYear[yearIndex].length < goal.sessions; index += 1) {
      const naturalKey = `${unit.row.code}#${year}#${index}`;
      const caseId = stableId('counseling-case', naturalKey);
      const openedOn = addDays(range.from, random.int(0, daysInYear - 1));
      const plannedEnd = addDays(openedOn, random.int(21, 150));
      const stillRunning = plannedEnd > demoEnd;
      const lastPossibleDay = stillRunning ? demoEnd : plannedEnd;
      const window = daysFrom(openedOn, lastPossibleDay);
      const sessionCount = Math.min(random.int(3, 8), window + 1);
      const offsets = new Set<number>([0]);
      while (offsets.size < sessionCount) offsets.add(random.int(1, window));
      [...offsets]
        .sort((a, b) => a - b)
        .forEach((offset, sessionIndex) => {
          const session: CounselingSession = {
            id: stableId('counseling-session', `${naturalKey}#${sessionIndex}`),
            caseId,
            unitId: unit.row.id,
            regionId: unit.row.regionId,
            heldOn: addDays(openedOn, offset),
            mode: weightedCode(random, MODES),
            free: false,
            recordedByAgencyId: unit.row.hostAgencyId,
          };
          sessions.push(session);
          heldInYear[yearIndexOf(session.heldOn)].push(session);
        });
      cases.push({
        id: caseId,
        unitId: unit.row.id,
        regionId: unit.row.regionId,
        subjectPseudonym: pseudonymOf(naturalKey),
        openedOn,
        status: stillRunning ? 'OPEN' : 'CLOSED',
        topic: weightedCode(random, TOPICS),
        closedOn: stillRunning ? null : plannedEnd,
        outcome: stillRunning ? null : weightedCode(random, OUTCOMES),
        recordedByAgencyId: unit.row.hostAgencyId,
      });
    }
    // Every session held this year is known now (later cases open later), so the free ones can be drawn exactly.
    const held = heldInYear[yearIndex];
    for (let picked = 0; picked < goal.free; picked += 1) {
      const swap = random.int(picked, held.length - 1);
      [held[picked], held[swap]] = [held[swap], held[picked]];
      held[picked].free = true;
    }
  });
  return { cases, sessions };
}

/** The goals of each unit: the province's figures (Isfahan's times `scale`) split over counties by population. */
function unitGoals(units: readonly DemoUnit[], years: readonly number[], scale: number): Map<string, Map<number, UnitYearGoal>> {
  const goals = new Map(units.map((unit) => [unit.row.id, new Map<number, UnitYearGoal>()]));
  const police = units.filter((unit) => unit.hostKind === 'POLICE');
  const welfare = units.filter((unit) => unit.hostKind === 'WELFARE');
  const population = (unit: DemoUnit) => estimatedPopulation(unit.county);
  for (const year of years) {
    const free = apportion(Math.round((FREE_POLICE_SESSIONS_BY_YEAR[year] ?? 0) * scale), police.map(population));
    police.forEach((unit, index) => goals.get(unit.row.id)!.set(year, { free: free[index], sessions: Math.ceil(free[index] / (1 - POLICE_PAID_SHARE)) }));
    const paid = apportion(Math.round((WELFARE_SESSIONS_BY_YEAR[year] ?? 0) * scale), welfare.map(population));
    welfare.forEach((unit, index) => goals.get(unit.row.id)!.set(year, { free: 0, sessions: paid[index] }));
  }
  return goals;
}

export function demoCases(units: readonly DemoUnit[], years: readonly number[], scale: number): DemoCaseData {
  const goals = unitGoals(units, years, scale);
  const all: DemoCaseData = { cases: [], sessions: [] };
  for (const unit of units) {
    const { cases, sessions } = casesOfUnit(unit, goals.get(unit.row.id)!, years);
    appendAll(all.cases, cases);
    appendAll(all.sessions, sessions);
  }
  return all;
}
