import { Resvg } from '@resvg/resvg-js';
import type { BenchResults } from './report';

const COLORS: Record<string, string> = {
  'safety-graph': '#1f77b4',
  apollo: '#ff7f0e',
  hive: '#2ca02c',
  direct: '#7f7f7f',
};
const LABELS: Record<string, string> = {
  'safety-graph': 'safety-graph gateway',
  apollo: '@apollo/gateway',
  hive: 'Hive Gateway + router runtime',
  direct: 'slowest direct subgraph call',
};

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Req/s by scenario and target as a PNG: an SVG drawn here and rasterized by
 * resvg (no browser). A log scale, since a page and a report differ a hundredfold.
 */
export function renderChart(results: BenchResults): Buffer {
  const scenarios = [...new Set(results.measurements.map((row) => row.scenario))];
  const series = ['safety-graph', 'apollo', 'hive', 'direct'];
  const value = (scenario: string, key: string) => {
    const rows = results.measurements.filter((row) => row.scenario === scenario && (key === 'direct' ? row.kind === 'direct' : row.gateway === key));
    return rows.length === 0 ? undefined : Math.min(...rows.map((row) => row.requestsPerSecond));
  };
  const width = 960;
  const height = 440;
  const left = 70;
  const bottom = 360;
  const top = 50;
  const max = Math.max(10, ...scenarios.flatMap((scenario) => series.map((key) => value(scenario, key) ?? 0)));
  const decades = Math.ceil(Math.log10(max));
  const y = (rate: number) => bottom - ((bottom - top) * Math.log10(Math.max(rate, 1))) / decades;
  const groupWidth = (width - left - 20) / Math.max(1, scenarios.length);
  const barWidth = (groupWidth - 30) / series.length;
  const parts: string[] = [];
  for (let decade = 0; decade <= decades; decade += 1) {
    const at = y(10 ** decade);
    parts.push(`<line x1="${left}" x2="${width - 20}" y1="${at}" y2="${at}" stroke="#ddd"/>`);
    parts.push(`<text x="${left - 8}" y="${at + 4}" text-anchor="end" font-size="12">${10 ** decade}</text>`);
  }
  scenarios.forEach((scenario, group) => {
    const x0 = left + group * groupWidth + 15;
    series.forEach((key, index) => {
      const rate = value(scenario, key);
      if (rate === undefined) return;
      const x = x0 + index * barWidth;
      parts.push(`<rect x="${x}" y="${y(rate)}" width="${barWidth - 4}" height="${bottom - y(rate)}" fill="${COLORS[key]}"/>`);
      // Below 1 req/s (none completed in the run, or nearly): the bar is empty, the label says so.
      parts.push(
        `<text x="${x + (barWidth - 4) / 2}" y="${y(rate) - 4}" text-anchor="middle" font-size="11">${rate >= 1 ? Math.round(rate) : rate > 0 ? '&lt;1' : 'none'}</text>`,
      );
    });
    parts.push(`<text x="${x0 + (groupWidth - 30) / 2}" y="${bottom + 18}" text-anchor="middle" font-size="13">${escape(scenario)}</text>`);
  });
  series.forEach((key, index) => {
    const x = left + index * 215;
    parts.push(`<rect x="${x}" y="${bottom + 40}" width="12" height="12" fill="${COLORS[key]}"/>`);
    parts.push(`<text x="${x + 18}" y="${bottom + 51}" font-size="12">${escape(LABELS[key])}</text>`);
  });
  const { settings } = results;
  const title = `req/s (log scale), ${settings.store === 'mysql' ? 'MariaDB' : 'SQLite'}, ${settings.national ? 'national data' : `scale ${settings.scale}`}, ${settings.connections} connections`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${left}" y="28" font-size="16" font-weight="bold">${escape(title)}</text>
<line x1="${left}" x2="${left}" y1="${top - 10}" y2="${bottom}" stroke="#333"/>
${parts.join('\n')}
</svg>`;
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
