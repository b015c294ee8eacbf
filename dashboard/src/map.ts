/**
 * Choropleth maps in plain SVG from the boundaries shipped with the page
 * (src/maps/, OpenStreetMap data under the ODbL): no tile server, no CDN.
 * The boundaries are fetched from the build's own assets the first time a
 * map is drawn and projected once; each redraw only recolours the paths.
 */
import countiesOfIsfahan from './maps/counties-IR-10.geojson?url';
import provincesOfIran from './maps/provinces-IR.geojson?url';

/** Which regions have boundaries to draw their sub-regions: the country its provinces, Isfahan its counties. */
const BOUNDARIES: Record<string, string> = { IR: provincesOfIran, 'IR-10': countiesOfIsfahan };

export const ATTRIBUTION = '© OpenStreetMap contributors, ODbL';
export const ATTRIBUTION_URL = 'https://www.openstreetmap.org/copyright';

export const hasMap = (code: string): boolean => code in BOUNDARIES;

type Ring = [number, number][];
interface Feature {
  properties: { code: string; name: string; name_fa: string };
  geometry: { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
}

/** One region's outline, projected: an SVG path in the map's own units. */
export interface Shape {
  code: string;
  name: string;
  nameFa: string;
  path: string;
}

export interface Outlines {
  width: number;
  height: number;
  shapes: Shape[];
}

const WIDTH = 800;
const outlines = new Map<string, Promise<Outlines>>();

/** The sub-regions' outlines of a region that has a map, fetched and projected once per page. */
export function outlinesOf(code: string): Promise<Outlines> {
  let answer = outlines.get(code);
  if (!answer) {
    answer = fetch(BOUNDARIES[code]).then(async (response) => {
      if (!response.ok) throw new Error(`boundaries: HTTP ${response.status}`);
      return project(((await response.json()) as { features: Feature[] }).features);
    });
    outlines.set(code, answer);
    answer.catch(() => outlines.delete(code));
  }
  return answer;
}

/**
 * An equirectangular projection with longitudes shrunk by the cosine of the
 * middle latitude: at a country's size (25°–40° N for Iran) it keeps shapes
 * and relative areas close enough for a choropleth, with nothing to install.
 */
function project(features: Feature[]): Outlines {
  const polygons = (feature: Feature): Ring[][] => (feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates);
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const feature of features) {
    for (const polygon of polygons(feature)) {
      for (const [lon, lat] of polygon[0]) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  const shrink = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = WIDTH / ((east - west) * shrink);
  const height = Math.ceil((north - south) * scale);
  const point = ([lon, lat]: [number, number]) => `${((lon - west) * shrink * scale).toFixed(1)},${((north - lat) * scale).toFixed(1)}`;
  const shapes = features.map((feature) => ({
    code: feature.properties.code,
    name: feature.properties.name,
    nameFa: feature.properties.name_fa,
    path: polygons(feature)
      .map((polygon) => polygon.map((ring) => `M${ring.map(point).join('L')}Z`).join(''))
      .join(''),
  }));
  return { width: WIDTH, height, shapes };
}

/** Five classes of a sequential blue (ColorBrewer Blues): light is low, dark is high. */
export const CLASS_COLOURS = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];

/**
 * The class width: the largest round number (1, 2, 2.5 or 5 × 10ⁿ, a whole
 * one) that puts the largest value in the top class, which is open-ended
 * ("800+"), so that all five colours are used.
 */
export function classStep(largest: number): number {
  const most = largest / (CLASS_COLOURS.length - 1);
  if (most < 2) return 1;
  const power = 10 ** Math.floor(Math.log10(most));
  return [5, 2.5, 2, 1].map((factor) => factor * power).find((candidate) => candidate <= most && Number.isInteger(candidate))!;
}

export const classOf = (value: number, step: number): number => Math.min(CLASS_COLOURS.length - 1, Math.floor(value / step));

/**
 * The SVG patterns of the states that are not a value: suppressed counts
 * hatched (never a colour, so never read as 0) and regions without data dotted.
 */
export const PATTERNS = `<defs>
  <pattern id="map-hatch" patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
    <rect width="8" height="8" fill="#fff"/><line x1="0" y1="0" x2="0" y2="8" stroke="#777" stroke-width="3"/></pattern>
  <pattern id="map-no-data" patternUnits="userSpaceOnUse" width="6" height="6">
    <rect width="6" height="6" fill="#f2f3f4"/><circle cx="3" cy="3" r="0.9" fill="#aab7b8"/></pattern>
</defs>`;
export const HATCH_FILL = 'url(#map-hatch)';
export const NO_DATA_FILL = 'url(#map-no-data)';
export const FORBIDDEN_FILL = '#fdf2e9';
