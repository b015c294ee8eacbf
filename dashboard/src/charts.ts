import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.font.family = 'Vazirmatn, sans-serif';
// Redraws must be instant on a year switch: no animation.
Chart.defaults.animation = false;

const charts = new Map<HTMLCanvasElement, Chart>();

/** Draws a chart on the canvas, replacing the one drawn there before. */
export function draw(canvas: HTMLCanvasElement, config: ChartConfiguration): void {
  charts.get(canvas)?.destroy();
  charts.set(canvas, new Chart(canvas, config));
}

/** Forgets charts whose canvas left the page. */
export function sweep(): void {
  for (const [canvas, chart] of charts) {
    if (!canvas.isConnected) {
      chart.destroy();
      charts.delete(canvas);
    }
  }
}

let hatch: CanvasPattern | undefined;
/** Diagonal hatching for suppressed cells (never drawn as zero). */
export function hatchPattern(): CanvasPattern | string {
  if (hatch) return hatch;
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const context = tile.getContext('2d');
  if (!context) return '#bbb';
  context.strokeStyle = '#888';
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(0, 8);
  context.lineTo(8, 0);
  context.stroke();
  hatch = context.createPattern(tile, 'repeat') ?? undefined;
  return hatch ?? '#bbb';
}
