// Draws the Teams app icons (manifests/teams/color.png 192×192, outline.png 32×32) so the package
// needs no binary asset from outside the project. Run: npx tsx scripts/make-teams-icons.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

export const COLOR_SIZE = 192;
export const OUTLINE_SIZE = 32;
/** Also the manifest's accentColor, so the icon tile and Teams' frame around it match. */
export const ACCENT = { r: 0x3b, g: 0x5b, b: 0xdb };
const CHECK = { r: 0x8c, g: 0xe9, b: 0x9a };
const WHITE = { r: 255, g: 255, b: 255 };

type Rgb = typeof WHITE;
/** A shape in unit coordinates (0..1 across the icon): true where the point is inside. */
type Shape = (x: number, y: number) => boolean;

function roundRect(x0: number, y0: number, x1: number, y1: number, radius: number): Shape {
  return (x, y) => {
    const dx = Math.max(x0 + radius - x, 0, x - (x1 - radius));
    const dy = Math.max(y0 + radius - y, 0, y - (y1 - radius));
    return x >= x0 && x <= x1 && y >= y0 && y <= y1 && dx * dx + dy * dy <= radius * radius;
  };
}

function stroke(x1: number, y1: number, x2: number, y2: number, width: number): Shape {
  return (x, y) => {
    const length2 = (x2 - x1) ** 2 + (y2 - y1) ** 2;
    const t = Math.max(0, Math.min(1, ((x - x1) * (x2 - x1) + (y - y1) * (y2 - y1)) / length2));
    const px = x1 + t * (x2 - x1);
    const py = y1 + t * (y2 - y1);
    return (x - px) ** 2 + (y - py) ** 2 <= (width / 2) ** 2;
  };
}

const anyOf =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));

/**
 * The glyph: a three-line checklist, the first line ticked. A plan being worked through reads at
 * 32 px as well as at 192 px.
 */
const ROWS = [0.3, 0.5, 0.7];
const tick = anyOf(stroke(0.19, 0.3, 0.25, 0.36, 0.07), stroke(0.25, 0.36, 0.37, 0.22, 0.07));
const bullets = anyOf(...ROWS.slice(1).map((y) => roundRect(0.2, y - 0.055, 0.31, y + 0.055, 0.03)));
const bars = anyOf(...ROWS.map((y, i) => roundRect(0.42, y - 0.045, i === 2 ? 0.66 : 0.8, y + 0.045, 0.045)));

/** Fraction of a pixel a shape covers, from a 4×4 grid of samples: smooth edges without a renderer. */
function coverage(shape: Shape, px: number, py: number, size: number): number {
  const n = 4;
  let inside = 0;
  for (let sy = 0; sy < n; sy++)
    for (let sx = 0; sx < n; sx++) if (shape((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size)) inside += 1;
  return inside / (n * n);
}

function setPixel(png: PNG, x: number, y: number, color: Rgb, alpha: number): void {
  const i = (png.width * y + x) * 4;
  png.data[i] = color.r;
  png.data[i + 1] = color.g;
  png.data[i + 2] = color.b;
  png.data[i + 3] = Math.round(alpha * 255);
}

const mix = (a: Rgb, b: Rgb, t: number): Rgb => ({
  r: Math.round(a.r + (b.r - a.r) * t),
  g: Math.round(a.g + (b.g - a.g) * t),
  b: Math.round(a.b + (b.b - a.b) * t),
});

/** Full colour: the glyph in white (tick in green) on the accent colour. */
export function drawColorIcon(size: number = COLOR_SIZE): PNG {
  const png = new PNG({ width: size, height: size });
  const white = anyOf(bullets, bars);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const withWhite = mix(ACCENT, WHITE, coverage(white, x, y, size));
      setPixel(png, x, y, mix(withWhite, CHECK, coverage(tick, x, y, size)), 1);
    }
  }
  return png;
}

/** Outline: white on transparent only, as Teams requires; edges are white with partial alpha. */
export function drawOutlineIcon(size: number = OUTLINE_SIZE): PNG {
  const png = new PNG({ width: size, height: size });
  const glyph = anyOf(tick, bullets, bars);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const alpha = coverage(glyph, x, y, size);
      setPixel(png, x, y, alpha === 0 ? { r: 0, g: 0, b: 0 } : WHITE, alpha);
    }
  }
  return png;
}

export function writeTeamsIcons(directory: string): string[] {
  const color = `${directory}/color.png`;
  const outline = `${directory}/outline.png`;
  writeFileSync(color, PNG.sync.write(drawColorIcon()));
  writeFileSync(outline, PNG.sync.write(drawOutlineIcon()));
  return [color, outline];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of writeTeamsIcons(fileURLToPath(new URL('../manifests/teams', import.meta.url))))
    process.stdout.write(`wrote ${file}\n`);
}
