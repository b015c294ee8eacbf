import { agencyId, countyUnitCode, regionId, SeededRandom, stableId } from '@safety-graph/shared';
import { AGE_BANDS, crashOutcome, type FaultStatus, type InjuryLevel, type PersonRole, type RoadType } from '../crashOutcome';
import type { Crash, CrashPerson } from '../entities';
import { iranDateOf } from '../iranTime';
import { crashTimeOn, DayPicker, shuffled } from './calendar';
import { locations, type CountyExposure, type Location, type RoadMix } from './exposure';

export interface CrashVolume {
  /** Road deaths in the year: hit exactly. */
  deaths: number;
  /** Of those, killed while not at fault: hit exactly. */
  deathsNotAtFault: number;
  /** Crashes with injured but no killed. */
  injuryCrashes: number;
  propertyDamageCrashes: number;
}

interface PersonPlan {
  role: PersonRole;
  injury: InjuryLevel;
  faultStatus: FaultStatus;
  ageBand: string | null;
}

type Weighted<T> = readonly (readonly [T, number])[];

function pick<T>(random: SeededRandom, table: Weighted<T>): T {
  return random.weighted(table, ([, weight]) => weight)[0];
}

/** Most deaths are on interurban roads; most injury crashes and nearly all fender-benders in town. */
const FATAL_MIX: RoadMix = { URBAN: 0.3, INTERURBAN: 0.55, RURAL: 0.15 };
const INJURY_MIX: RoadMix = { URBAN: 0.62, INTERURBAN: 0.28, RURAL: 0.1 };
const PROPERTY_DAMAGE_MIX: RoadMix = { URBAN: 0.8, INTERURBAN: 0.15, RURAL: 0.05 };

const AGE_WEIGHTS: Record<PersonRole, readonly number[]> = {
  DRIVER: [0, 0.16, 0.27, 0.23, 0.16, 0.11, 0.07],
  MOTORCYCLIST: [0.05, 0.3, 0.3, 0.17, 0.1, 0.05, 0.03],
  CYCLIST: [0.25, 0.2, 0.15, 0.12, 0.1, 0.1, 0.08],
  PEDESTRIAN: [0.2, 0.08, 0.1, 0.1, 0.12, 0.15, 0.25],
  PASSENGER: [0.22, 0.16, 0.17, 0.14, 0.12, 0.1, 0.09],
};

/** Who the (first) person killed in a fatal crash was, by whether they were at fault and where. */
const KILLED_AT_FAULT: Record<'TOWN' | 'ROAD', Weighted<PersonRole>> = {
  TOWN: [
    ['MOTORCYCLIST', 0.45],
    ['PEDESTRIAN', 0.3],
    ['DRIVER', 0.25],
  ],
  ROAD: [
    ['DRIVER', 0.65],
    ['MOTORCYCLIST', 0.2],
    ['PEDESTRIAN', 0.15],
  ],
};
const KILLED_NOT_AT_FAULT: Record<'TOWN' | 'ROAD', Weighted<PersonRole>> = {
  TOWN: [
    ['PEDESTRIAN', 0.55],
    ['MOTORCYCLIST', 0.2],
    ['PASSENGER', 0.1],
    ['DRIVER', 0.1],
    ['CYCLIST', 0.05],
  ],
  ROAD: [
    ['DRIVER', 0.35],
    ['PASSENGER', 0.35],
    ['PEDESTRIAN', 0.15],
    ['MOTORCYCLIST', 0.15],
  ],
};
const SURVIVOR_INJURY: Weighted<InjuryLevel> = [
  ['O', 0.6],
  ['C', 0.2],
  ['B', 0.15],
  ['A', 0.05],
];
const PASSENGER_INJURY: Weighted<InjuryLevel> = [
  ['A', 0.15],
  ['B', 0.35],
  ['C', 0.3],
  ['O', 0.2],
];
const INJURED_LEVEL: Weighted<InjuryLevel> = [
  ['A', 0.14],
  ['B', 0.36],
  ['C', 0.5],
];

type Collision = 'VEHICLE' | 'SINGLE_VEHICLE' | 'PEDESTRIAN' | 'MOTORCYCLIST' | 'CYCLIST';
const INJURY_COLLISIONS: Record<'TOWN' | 'ROAD', Weighted<Collision>> = {
  TOWN: [
    ['MOTORCYCLIST', 0.35],
    ['VEHICLE', 0.3],
    ['PEDESTRIAN', 0.25],
    ['CYCLIST', 0.05],
    ['SINGLE_VEHICLE', 0.05],
  ],
  ROAD: [
    ['VEHICLE', 0.55],
    ['SINGLE_VEHICLE', 0.3],
    ['MOTORCYCLIST', 0.1],
    ['PEDESTRIAN', 0.05],
  ],
};

const setting = (roadType: RoadType) => (roadType === 'URBAN' ? 'TOWN' : 'ROAD');

function person(random: SeededRandom, role: PersonRole, injury: InjuryLevel, faultStatus: FaultStatus): PersonPlan {
  // Police reports leave the age out now and then.
  const ageBand = random.chance(0.04) ? null : random.weighted(AGE_BANDS, (band) => AGE_WEIGHTS[role][AGE_BANDS.indexOf(band)]);
  return { role, injury, faultStatus, ageBand };
}

function passengers(random: SeededRandom, counts: Weighted<number>, injuries: Weighted<InjuryLevel>): PersonPlan[] {
  return Array.from({ length: pick(random, counts) }, () => person(random, 'PASSENGER', pick(random, injuries), 'NOT_AT_FAULT'));
}

/**
 * Deaths per fatal crash, adding up to `deaths` exactly: about 88% of fatal
 * crashes kill one person, about 9% two and 3% three (1.15 deaths a crash).
 */
export function deathsPerFatalCrash(deaths: number): number[] {
  const threeDeaths = Math.round((deaths * 0.03) / 1.15);
  const twoDeaths = Math.round((deaths * 0.09) / 1.15);
  const oneDeath = deaths - 2 * twoDeaths - 3 * threeDeaths;
  return [...Array<number>(threeDeaths).fill(3), ...Array<number>(twoDeaths).fill(2), ...Array<number>(oneDeath).fill(1)];
}

/**
 * The persons of a fatal crash. Those killed after the first are passengers of
 * the same vehicle (or pedestrians of the same group) and never at fault, so
 * the number of dead not at fault is fixed by choosing which first victims were.
 * Someone is always at fault and there is always a driver: a surviving one is
 * added when no driver died, at fault when none of the dead was.
 */
function fatalCrashPersons(random: SeededRandom, roadType: RoadType, killed: number, firstNotAtFault: boolean): PersonPlan[] {
  const firstRole = pick(random, (firstNotAtFault ? KILLED_NOT_AT_FAULT : KILLED_AT_FAULT)[setting(roadType)]);
  const persons = [person(random, firstRole, 'K', firstNotAtFault ? 'NOT_AT_FAULT' : 'AT_FAULT')];
  for (let index = 1; index < killed; index += 1) {
    persons.push(person(random, firstRole === 'PEDESTRIAN' ? 'PEDESTRIAN' : 'PASSENGER', 'K', 'NOT_AT_FAULT'));
  }
  if (firstNotAtFault) {
    persons.push(person(random, 'DRIVER', pick(random, SURVIVOR_INJURY), 'AT_FAULT'));
  } else if (firstRole !== 'DRIVER') {
    persons.push(person(random, 'DRIVER', pick(random, SURVIVOR_INJURY), random.chance(0.1) ? 'UNDETERMINED' : 'NOT_AT_FAULT'));
  }
  persons.push(
    ...passengers(
      random,
      [
        [0, 0.5],
        [1, 0.35],
        [2, 0.15],
      ],
      PASSENGER_INJURY,
    ),
  );
  return persons;
}

/** The persons of a crash with `injured` (1-3) injured and nobody killed, plus some unhurt. */
function injuryCrashPersons(random: SeededRandom, roadType: RoadType, injured: number): PersonPlan[] {
  const levels = Array.from({ length: injured }, () => pick(random, INJURED_LEVEL)).sort();
  const collision = pick(random, INJURY_COLLISIONS[setting(roadType)]);
  const undetermined = random.chance(0.05);
  const fault = (atFault: boolean): FaultStatus => (undetermined ? 'UNDETERMINED' : atFault ? 'AT_FAULT' : 'NOT_AT_FAULT');
  const driver = person(random, 'DRIVER', 'O', fault(true));
  const persons = [driver];
  let victim: PersonPlan;
  if (collision === 'SINGLE_VEHICLE') {
    victim = random.chance(0.7) ? driver : person(random, 'PASSENGER', 'O', 'NOT_AT_FAULT');
  } else if (collision === 'VEHICLE') {
    victim = person(random, 'DRIVER', 'O', fault(false));
  } else {
    // A pedestrian crossing against the light or a rider running it is at fault now and then.
    const partnerAtFault = random.chance(0.3);
    driver.faultStatus = fault(!partnerAtFault);
    victim = person(random, collision, 'O', fault(partnerAtFault));
  }
  if (victim !== driver) persons.push(victim);
  victim.injury = levels[0];
  for (const level of levels.slice(1)) {
    if (driver.injury === 'O' && random.chance(0.3)) driver.injury = level;
    else persons.push(person(random, 'PASSENGER', level, 'NOT_AT_FAULT'));
  }
  persons.push(
    ...passengers(
      random,
      [
        [0, 0.6],
        [1, 0.3],
        [2, 0.1],
      ],
      [['O', 1]],
    ),
  );
  return persons;
}

/** A fender-bender: one or two drivers, now and then an unhurt passenger. */
function propertyDamagePersons(random: SeededRandom): PersonPlan[] {
  const undetermined = random.chance(0.05);
  const persons = [person(random, 'DRIVER', 'O', undetermined ? 'UNDETERMINED' : 'AT_FAULT')];
  if (random.chance(0.75)) persons.push(person(random, 'DRIVER', 'O', undetermined ? 'UNDETERMINED' : 'NOT_AT_FAULT'));
  persons.push(
    ...passengers(
      random,
      [
        [0, 0.8],
        [1, 0.2],
      ],
      [['O', 1]],
    ),
  );
  return persons;
}

export interface GeneratedCrashes {
  crashes: Crash[];
  persons: CrashPerson[];
}

/**
 * One Solar Hijri year of crashes in the province's counties. Each kind has a
 * random stream of its own, so changing one volume leaves the others' rows as
 * they were. `keyPrefix` (`IR-07/`, empty for Isfahan) keeps each province's
 * streams and ids apart.
 */
export function generateCrashes(solarYear: number, volume: CrashVolume, exposure: readonly CountyExposure[], keyPrefix = ''): GeneratedCrashes {
  const generated: GeneratedCrashes = { crashes: [], persons: [] };
  const dayPickers = new Map<RoadType, DayPicker>();
  const dayPicker = (roadType: RoadType) => {
    const existing = dayPickers.get(roadType) ?? new DayPicker(solarYear, roadType);
    dayPickers.set(roadType, existing);
    return existing;
  };
  const add = (random: SeededRandom, naturalKey: string, location: Location, persons: PersonPlan[]) => {
    const crashId = stableId('crash', naturalKey);
    const occurredAt = crashTimeOn(random, dayPicker(location.roadType).pick(random));
    generated.crashes.push({
      id: crashId,
      occurredAt,
      occurredOn: iranDateOf(occurredAt),
      regionId: regionId(location.exposure.county.code),
      ...crashOutcome(persons),
      reportedById: agencyId(countyUnitCode('POLICE', location.exposure.county.code)),
      roadType: location.roadType,
      version: 1,
      importKey: null,
    });
    persons.forEach((plan, position) => {
      generated.persons.push({ id: stableId('crash-person', `${naturalKey}/${position}`), crashId, position, ...plan });
    });
  };

  const fatal = new SeededRandom(`traffic/crashes/${keyPrefix}${solarYear}/fatal`);
  const deaths = shuffled(fatal, deathsPerFatalCrash(volume.deaths));
  const laterVictims = volume.deaths - deaths.length;
  const firstVictimsNotAtFault = volume.deathsNotAtFault - laterVictims;
  if (firstVictimsNotAtFault < 0 || firstVictimsNotAtFault > deaths.length) {
    throw new Error(`Cannot seed ${volume.deathsNotAtFault} of ${volume.deaths} road deaths as not at fault`);
  }
  const notAtFault = new Set(
    shuffled(
      fatal,
      deaths.map((_, index) => index),
    ).slice(0, firstVictimsNotAtFault),
  );
  locations(exposure, FATAL_MIX, deaths.length).forEach((location, index) => {
    add(fatal, `${keyPrefix}${solarYear}/fatal/${index}`, location, fatalCrashPersons(fatal, location.roadType, deaths[index], notAtFault.has(index)));
  });

  const injury = new SeededRandom(`traffic/crashes/${keyPrefix}${solarYear}/injury`);
  locations(exposure, INJURY_MIX, volume.injuryCrashes).forEach((location, index) => {
    const injured = pick(injury, [
      [1, 0.6],
      [2, 0.28],
      [3, 0.12],
    ]);
    add(injury, `${keyPrefix}${solarYear}/injury/${index}`, location, injuryCrashPersons(injury, location.roadType, injured));
  });

  const propertyDamage = new SeededRandom(`traffic/crashes/${keyPrefix}${solarYear}/property-damage`);
  locations(exposure, PROPERTY_DAMAGE_MIX, volume.propertyDamageCrashes).forEach((location, index) => {
    add(propertyDamage, `${keyPrefix}${solarYear}/property-damage/${index}`, location, propertyDamagePersons(propertyDamage));
  });
  return generated;
}
