import { apportion, countiesOf, estimatedPopulation, type ReferenceRegion } from '@safety-graph/shared';
import { ROAD_TYPES, type RoadType } from '../crashOutcome';

/**
 * Kilometres of main interurban road each county carries: illustrative figures
 * for the demo, not survey data. Transit counties on the Tehran, Shiraz, Yazd
 * and Tabas roads (Kashan, Natanz, Shahreza, Nain, Khur and Biabanak) carry far
 * more road than their population suggests, which is where interurban deaths
 * concentrate. Counties of other provinces have no figure: each counts as 100 km,
 * so their interurban records spread evenly.
 */
const INTERURBAN_ROAD_KM: Record<string, number> = {
  'IR-10-01': 420, // Isfahan: ring roads and the start of every freeway
  'IR-10-02': 150, // Aran and Bidgol: Kashan to Qom freeway
  'IR-10-03': 210, // Ardestan
  'IR-10-04': 160, // Borkhar: Isfahan to Tehran freeway
  'IR-10-05': 90, // Buin and Miandasht
  'IR-10-06': 80, // Chadegan
  'IR-10-07': 100, // Dehaqan
  'IR-10-08': 90, // Falavarjan
  'IR-10-09': 120, // Faridan
  'IR-10-10': 110, // Fereydunshahr
  'IR-10-11': 140, // Golpayegan
  'IR-10-12': 260, // Kashan: Tehran to Isfahan freeway
  'IR-10-13': 60, // Khomeyni Shahr
  'IR-10-14': 70, // Khansar
  'IR-10-15': 320, // Khur and Biabanak: desert roads to Tabas and Yazd
  'IR-10-16': 120, // Lenjan
  'IR-10-17': 130, // Mobarakeh: Isfahan to Shahrekord
  'IR-10-18': 300, // Nain: Isfahan to Yazd and Tabas
  'IR-10-19': 150, // Najafabad
  'IR-10-20': 200, // Natanz: Isfahan to Kashan freeway
  'IR-10-21': 230, // Semirom: Isfahan to Yasuj
  'IR-10-22': 240, // Shahin Shahr and Meymeh: Isfahan to Tehran freeway through Meymeh
  'IR-10-23': 210, // Shahreza: Isfahan to Shiraz freeway
  'IR-10-24': 90, // Tiran and Karvan
  'IR-10-25': 110, // Harand: Isfahan to Nain
  'IR-10-26': 90, // Jarqavieh
  'IR-10-27': 180, // Kuhpayeh: Isfahan to Nain and Yazd freeway
  'IR-10-28': 80, // Varzaneh
};

export interface CountyExposure {
  county: ReferenceRegion;
  /** Share of the province's population. */
  populationShare: number;
  /** Share of the province's interurban road. */
  roadShare: number;
}

export function provinceExposure(provinceCode: string): CountyExposure[] {
  const counties = countiesOf(provinceCode);
  const roadKm = (county: ReferenceRegion) => INTERURBAN_ROAD_KM[county.code] ?? 100;
  const population = counties.reduce((sum, county) => sum + estimatedPopulation(county), 0);
  const road = counties.reduce((sum, county) => sum + roadKm(county), 0);
  return counties.map((county) => ({
    county,
    populationShare: estimatedPopulation(county) / population,
    roadShare: roadKm(county) / road,
  }));
}

/** How a kind of record splits over road types, e.g. most deaths are interurban, most fender-benders urban. */
export type RoadMix = Record<RoadType, number>;

export interface Location {
  exposure: CountyExposure;
  roadType: RoadType;
}

/**
 * `total` records spread over (county, road type) cells, exactly: urban records
 * follow population, interurban ones the road network, rural ones both.
 */
export function locations(exposure: readonly CountyExposure[], mix: RoadMix, total: number): Location[] {
  const cells = exposure.flatMap((county) => ROAD_TYPES.map((roadType) => ({ exposure: county, roadType })));
  const weightOf = ({ exposure: county, roadType }: Location) =>
    mix[roadType] *
    (roadType === 'URBAN' ? county.populationShare : roadType === 'INTERURBAN' ? county.roadShare : (county.populationShare + county.roadShare) / 2);
  const counts = apportion(total, cells.map(weightOf));
  return cells.flatMap((cell, index) => Array.from({ length: counts[index] }, () => cell));
}
