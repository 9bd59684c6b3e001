import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import { parse, View } from 'vega';
import { compile } from 'vega-lite';
import type { ChartRenderer, ChartSize } from '../service/ports/chart-renderer.js';
import type { PlanChart } from '../service/read-model/plan-chart.js';
import { BASE_SIZE, CHART_FONT, planChartSpec } from './plan-chart-spec.js';

// Resolved through the package system, not a path from here, so the Docker image finds them too.
const require = createRequire(import.meta.url);
const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'];

interface Engine {
  fonts: Uint8Array[];
}

// The WASM module can be initialised once per process; every renderer shares it.
let engine: Promise<Engine> | undefined;

function loadEngine(): Promise<Engine> {
  engine ??= (async () => {
    await initWasm(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    const fonts = await Promise.all(FONT_FILES.map((file) => readFile(require.resolve(file))));
    return { fonts: fonts.map((font) => new Uint8Array(font)) };
  })().catch((error: unknown) => {
    // A failed start (a missing file) is retried next time rather than remembered forever.
    engine = undefined;
    throw error;
  });
  return engine;
}

/**
 * Vega-Lite → SVG (Vega's headless renderer) → PNG (resvg in WASM) with the DejaVu fonts that ship
 * as a package: no system fonts and no native modules, so the picture is the same on a laptop, in
 * CI and in the Docker image.
 */
export class VegaChartRenderer implements ChartRenderer {
  async renderPng(chart: PlanChart, size: ChartSize = BASE_SIZE): Promise<Uint8Array> {
    const { fonts } = await loadEngine();
    const svg = await chartSvg(chart);
    const resvg = new Resvg(fitted(svg, size), {
      font: { fontBuffers: fonts, loadSystemFonts: false, defaultFontFamily: CHART_FONT },
      fitTo: { mode: 'width', value: size.width },
      background: 'white',
    });
    try {
      const rendered = resvg.render();
      try {
        return rendered.asPng();
      } finally {
        rendered.free();
      }
    } finally {
      resvg.free();
    }
  }
}

/** The chart as SVG at its natural size (about BASE_SIZE). */
export async function chartSvg(chart: PlanChart): Promise<string> {
  const { spec } = compile(planChartSpec(chart));
  const view = new View(parse(spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Vega sizes the SVG to its content, which moves with the labels; the PNG must have the asked size
 * exactly. The drawing keeps its proportions (viewBox, centred) inside a canvas of that shape.
 */
function fitted(svg: string, size: ChartSize): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) throw new Error('Vega produced no <svg> element');
  const width = Number(/\bwidth="([\d.]+)"/.exec(open[0])?.[1]);
  const height = Number(/\bheight="([\d.]+)"/.exec(open[0])?.[1]);
  if (!(width > 0 && height > 0)) throw new Error('Vega produced an SVG without a size');
  // Canvas in the asked proportions, large enough to hold the drawing.
  const scale = Math.max(width / size.width, height / size.height);
  const canvas = { width: size.width * scale, height: size.height * scale };
  const dx = (canvas.width - width) / 2;
  const dy = (canvas.height - height) / 2;
  const nested = `${open[0].slice(0, -1)} x="${dx}" y="${dy}">`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${canvas.width}" height="${canvas.height}" ` +
    `viewBox="0 0 ${canvas.width} ${canvas.height}"><rect width="100%" height="100%" fill="white"/>` +
    `${nested}${svg.slice(open.index + open[0].length)}</svg>`
  );
}
