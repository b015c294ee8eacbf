import {
  appendAll,
  DEMO_SOLAR_YEARS,
  demoProvinces,
  insertIgnoringExisting,
  MeasureStore,
  seedRegionScope,
  type SeedOptions,
  type SeedReport,
  type Store,
} from '@safety-graph/shared';
import { CounselingCase, CounselingSession, CounselingUnit, FamilyProgram } from '../entities';
import { FAMILY_MEASURES } from '../store';
import { demoCases } from './counselingCases';
import { demoUnits } from './counselingUnits';
import { demoFamilyPrograms } from './familyPrograms';

/**
 * The demo: in Isfahan 34 counselling units (every county police station, the
 * six largest counties' welfare offices), their cases and sessions over the
 * demo years, and a dozen family programmes; with `national`, every
 * province's units, cases and sessions at its factor (`demoProvinces`),
 * loaded together. Deterministic; a second run adds nothing. A store is
 * meant to be seeded at one scale: ids come from natural keys, so another
 * scale reuses the first ids for different rows.
 */
export async function seed(store: Store, options: SeedOptions): Promise<SeedReport> {
  const scale = options.scale > 0 ? options.scale : 1;
  const regionScope = await seedRegionScope(store);
  const report: SeedReport = { region_scope: regionScope, counseling_unit: 0, family_program: 0, counseling_case: 0, counseling_session: 0, stat_rollup: 0 };
  const programs = demoFamilyPrograms(scale, DEMO_SOLAR_YEARS);
  await insertIgnoringExisting(store.dataSource, FamilyProgram, programs);
  report.family_program = programs.length;
  // Every province's rows first, then one load per table in key order: a load into an empty table builds its indexes once, at the end.
  const all: { units: CounselingUnit[]; cases: CounselingCase[]; sessions: CounselingSession[] } = { units: [], cases: [], sessions: [] };
  for (const demo of demoProvinces(options.national ?? false)) {
    const units = demoUnits(demo.province.code);
    const { cases, sessions } = demoCases(units, DEMO_SOLAR_YEARS, scale * demo.factor);
    appendAll(
      all.units,
      units.map((unit) => unit.row),
    );
    appendAll(all.cases, cases);
    appendAll(all.sessions, sessions);
  }
  await insertIgnoringExisting(store.dataSource, CounselingUnit, all.units);
  await insertIgnoringExisting(store.dataSource, CounselingCase, all.cases);
  await insertIgnoringExisting(store.dataSource, CounselingSession, all.sessions);
  report.counseling_unit = all.units.length;
  report.counseling_case = all.cases.length;
  report.counseling_session = all.sessions.length;
  // Seeded rows are bulk inserts: their rollups are rebuilt once at the end.
  report.stat_rollup = await new MeasureStore(store.dataSource).rebuild(FAMILY_MEASURES);
  return report;
}

export async function isEmpty(store: Store): Promise<boolean> {
  return (await store.dataSource.getRepository(CounselingCase).count()) === 0;
}
