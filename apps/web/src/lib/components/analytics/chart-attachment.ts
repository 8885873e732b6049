import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import type { Attachment } from 'svelte/attachments';

// Only what the dashboard draws is registered, so the bundle stays small.
Chart.register(LineController, LineElement, PointElement, BarController, BarElement, CategoryScale, LinearScale, Filler, Tooltip, Legend);

/**
 * Draws a Chart.js chart on a canvas and keeps it in step with its configuration: the thin
 * Svelte wrapper around Chart.js. The attachment re-runs when the configuration it reads
 * changes (new range, live refresh); the old chart is destroyed first.
 *
 * @example
 * <canvas {@attach chart(config)}></canvas>
 */
export function chart(config: ChartConfiguration): Attachment<HTMLCanvasElement> {
  return (canvas) => {
    const instance = new Chart(canvas, { ...config, options: { animation: false, responsive: true, maintainAspectRatio: false, ...config.options } });
    canvas.dataset.chartReady = 'true';
    return () => instance.destroy();
  };
}

/** The app's series colours, light enough for dark mode too. */
export const SERIES_COLORS = ['#0284c7', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#ec4899'];
