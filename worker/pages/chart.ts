import { html } from "hono/html";

/** GOV.UK palette colours, each with at least 3:1 contrast against white (WCAG 1.4.11). */
export const seriesColours = ["#1d70b8", "#00703c", "#d4351c", "#505a5f", "#912b88", "#f47738"] as const;

export type Bar = { label: string; values: number[] };
export type Chart = { id: string; title: string; desc: string; series: string[]; bars: Bar[] };

const width = 540;
const labelWidth = 215;
const valueWidth = 50;
const rowHeight = 24;
const legendHeight = 24;

const clip = (text: string, length = 24) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

/**
 * A small horizontal bar chart (stacked where there are several series) as inline SVG. It is a picture only: the
 * table drawn beside it carries the same figures as text, so the SVG has a title and a description and nothing more.
 */
export function barChart(chart: Chart) {
  const total = (bar: Bar) => bar.values.reduce((sum, value) => sum + value, 0);
  const largest = Math.max(1, ...chart.bars.map(total));
  const scale = (width - labelWidth - valueWidth) / largest;
  const legend = chart.series.length > 1;
  const top = legend ? legendHeight : 0;
  const height = top + Math.max(1, chart.bars.length) * rowHeight + 4;
  return html`<svg class="chart" role="img" aria-labelledby="${chart.id}-title ${chart.id}-desc" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg">
  <title id="${chart.id}-title">${chart.title}</title>
  <desc id="${chart.id}-desc">${chart.desc}</desc>
  ${
    legend
      ? chart.series.map(
          (name, i) =>
            html`<rect x="${i * 130}" y="4" width="12" height="12" fill="${seriesColours[i % seriesColours.length]}"></rect><text x="${i * 130 + 16}" y="15" font-size="13" fill="#0b0c0c">${clip(name, 16)}</text>`,
        )
      : ""
  }
  ${chart.bars.map((bar, row) => {
    const y = top + row * rowHeight;
    let x = labelWidth;
    return html`<text x="${labelWidth - 6}" y="${y + 16}" font-size="13" text-anchor="end" fill="#0b0c0c">${clip(bar.label)}</text>
    ${bar.values.map((value, i) => {
      const segment = html`<rect x="${x}" y="${y + 4}" width="${Math.max(0, value * scale)}" height="${rowHeight - 8}" fill="${seriesColours[i % seriesColours.length]}"></rect>`;
      x += value * scale;
      return segment;
    })}
    <text x="${x + 6}" y="${y + 16}" font-size="13" fill="#0b0c0c">${total(bar)}</text>`;
  })}
</svg>`;
}
