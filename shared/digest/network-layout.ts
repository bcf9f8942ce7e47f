// Server-side layout of a digest's relations graph, so the HTML page can draw it as static SVG
// with no script. Pure and deterministic: the same digest gives the same picture, byte for byte
// (a seeded generator only jitters the starting circle and breaks ties between coincident nodes). A Fruchterman-Reingold force
// layout with a fixed number of iterations, then a pass that pushes apart nodes whose circle or
// label boxes overlap, then a view box that fits everything, labels included.

import type { DigestActor, DigestRelation } from './types.js';
import { seededRandom } from '../random.js';

export interface LayoutNode {
  id: string;
  name: string;
  /** Centre, in view-box units. */
  x: number;
  y: number;
  /** Radius: grows with the square root of salience, so area tracks salience. */
  r: number;
  salience: number;
  /** Relations drawn to or from the node. */
  degree: number;
  /** Label baseline (centred on x, below or above the circle) and estimated width. */
  labelY: number;
  labelWidth: number;
}

export interface LayoutEdge extends Pick<DigestRelation, 'source' | 'target' | 'sourceName' | 'targetName' | 'net' | 'count' | 'polarity'> {
  /** Stroke width in view-box units, by |net| relative to the strongest edge. */
  width: number;
  /** Quadratic Bézier from (x1, y1) via (cx, cy) to (x2, y2); (x2, y2) is the arrowhead's base. */
  x1: number;
  y1: number;
  cx: number;
  cy: number;
  x2: number;
  y2: number;
  /** The arrowhead: tip on the target's circle, pointing along `angle` (radians), `arrowLength` long. */
  tipX: number;
  tipY: number;
  angle: number;
  arrowLength: number;
  /** The curve's midpoint, where the sign badge goes. */
  midX: number;
  midY: number;
}

export interface NetworkLayout {
  viewBox: { x: number; y: number; width: number; height: number };
  nodes: LayoutNode[];
  /** Weakest first, so the strongest edges are drawn on top. */
  edges: LayoutEdge[];
  fontSize: number;
  /** The `ink` option the layout used: badges and other marks drawn on top scale by it too. */
  ink: number;
}

export interface LayoutOptions {
  /** Seed for breaking ties between coincident nodes. */
  seed?: number;
  iterations?: number;
  /** Label font size in view-box units. */
  fontSize?: number;
  /**
   * Height / width of the frame the forces work in (default 0.62, landscape for wide screens;
   * about 2 suits a phone held upright). The area stays the same whatever the aspect.
   */
  aspect?: number;
  /**
   * Size of everything drawn (circles, lines, labels, gaps) relative to the frame, default 1. A
   * picture shown small, on a phone, needs more ink to stay legible.
   */
  ink?: number;
}

export type LayoutActor = Pick<DigestActor, 'id' | 'name' | 'salience'>;
export type LayoutRelation = Pick<DigestRelation, 'source' | 'target' | 'sourceName' | 'targetName' | 'net' | 'count' | 'polarity'>;

const DEFAULT_ITERATIONS = 300;
const DEFAULT_FONT_SIZE = 15;
const MIN_RADIUS = 7;
const MAX_RADIUS = 26;
/**
 * Frame width for the force layout grows with sqrt(n) so density stays roughly constant; by
 * default the frame is wider than tall, as a desktop page is.
 */
const MIN_FRAME = 720;
const FRAME_PER_SQRT_NODE = 210;
const DEFAULT_ASPECT = 0.62;
/** Average glyph advance of a system sans-serif, as a fraction of the font size. */
const GLYPH_ADVANCE = 0.56;
/** Labels longer than this are cut with an ellipsis in the picture (the tables keep the full name). */
export const MAX_LABEL_CHARS = 24;
const COLLISION_GAP = 22;
/** Space between two circles: enough for a line with an arrowhead and a sign badge. */
const MIN_CLEARANCE = 70;
const COLLISION_PASSES = 300;
const VIEW_PADDING = 12;

const MIN_EDGE_WIDTH = 1.5;
const MAX_EDGE_WIDTH = 7;
/** How far reciprocal edges (A→B and B→A) bow apart, as a fraction of their length. */
const RECIPROCAL_BOW = 0.14;


export function labelText(name: string): string {
  const chars = [...name];
  return chars.length <= MAX_LABEL_CHARS ? name : `${chars.slice(0, MAX_LABEL_CHARS - 1).join('').trimEnd()}…`;
}

export function radiusFor(salience: number): number {
  const s = Number.isFinite(salience) ? Math.min(1, Math.max(0, salience)) : 0;
  return MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(s);
}

export function edgeWidthFor(net: number, maxAbsNet: number): number {
  const max = Math.max(maxAbsNet, 1e-9);
  return MIN_EDGE_WIDTH + (MAX_EDGE_WIDTH - MIN_EDGE_WIDTH) * Math.min(1, Math.abs(net) / max);
}

/**
 * Lays out the actors (e.g. a digest's top actors) and every actor a relation names. Relations
 * whose source is their target are not drawn (a loop says nothing in this picture).
 */
export function layoutNetwork(actors: readonly LayoutActor[], relations: readonly LayoutRelation[], options: LayoutOptions = {}): NetworkLayout {
  const ink = options.ink ?? 1;
  const fontSize = (options.fontSize ?? DEFAULT_FONT_SIZE) * ink;
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  const random = seededRandom(options.seed ?? 1);

  // Nodes: the given actors first, then those only relations name, each once.
  const byId = new Map<string, { id: string; name: string; salience: number }>();
  for (const a of actors) if (!byId.has(a.id)) byId.set(a.id, { id: a.id, name: a.name, salience: a.salience });
  const drawn = relations.filter((r) => r.source !== r.target);
  for (const r of drawn) {
    if (!byId.has(r.source)) byId.set(r.source, { id: r.source, name: r.sourceName, salience: 0 });
    if (!byId.has(r.target)) byId.set(r.target, { id: r.target, name: r.targetName, salience: 0 });
  }
  const base = [...byId.values()];
  const n = base.length;
  if (n === 0) return { viewBox: { x: 0, y: 0, width: 320, height: 80 }, nodes: [], edges: [], fontSize, ink };

  const index = new Map(base.map((a, i) => [a.id, i]));
  const degree = new Array<number>(n).fill(0);
  const links: [number, number][] = [];
  const linked = new Set<string>();
  for (const r of drawn) {
    const s = index.get(r.source)!;
    const t = index.get(r.target)!;
    degree[s]++;
    degree[t]++;
    const key = s < t ? `${s}:${t}` : `${t}:${s}`;
    if (!linked.has(key)) { linked.add(key); links.push([s, t]); }
  }

  const r = base.map((a) => radiusFor(a.salience) * ink);
  const labelWidth = base.map((a) => [...labelText(a.name)].length * fontSize * GLYPH_ADVANCE);
  const labelHeight = fontSize * 1.25;
  const labelGap = 4 * ink;
  const collisionGap = COLLISION_GAP * ink;
  const clearance = MIN_CLEARANCE * ink;

  // Start on a circle, the busiest nodes first, so connected hubs begin next to each other.
  const order = base.map((_, i) => i).sort((a, b) => degree[b] - degree[a] || base[b].salience - base[a].salience || (base[a].id < base[b].id ? -1 : 1));
  const aspect = options.aspect ?? DEFAULT_ASPECT;
  const frameW = Math.max(MIN_FRAME, FRAME_PER_SQRT_NODE * Math.sqrt(n)) * Math.sqrt(DEFAULT_ASPECT / aspect);
  const frameH = frameW * aspect;
  const centreX = frameW / 2;
  const centreY = frameH / 2;
  const x = new Array<number>(n).fill(centreX);
  const y = new Array<number>(n).fill(centreY);
  if (n > 1) {
    order.forEach((node, k) => {
      const angle = (2 * Math.PI * k) / n + (random() - 0.5) * 0.05;
      x[node] = centreX + frameW * 0.35 * Math.cos(angle);
      y[node] = centreY + frameH * 0.35 * Math.sin(angle);
    });
  }

  // Fruchterman-Reingold with a linear cooling schedule and a weak pull to the centre, so actors
  // without relations stay in the picture instead of drifting to the frame's edge.
  const k = 0.9 * Math.sqrt((frameW * frameH) / n);
  const gravity = 0.06;
  // Keep circles and labels, not just centres, inside the frame.
  const marginX = base.map((_, i) => Math.min(frameW / 2, Math.max(r[i], labelWidth[i] / 2)));
  const marginY = base.map((_, i) => Math.min(frameH / 2, r[i] + labelGap + labelHeight));
  const dx = new Array<number>(n);
  const dy = new Array<number>(n);
  for (let it = 0; it < iterations && n > 1; it++) {
    const temperature = (frameW / 10) * (1 - it / iterations) + 0.5;
    dx.fill(0);
    dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let ex = x[i] - x[j];
        let ey = y[i] - y[j];
        let d2 = ex * ex + ey * ey;
        if (d2 < 1e-6) {
          const a = random() * 2 * Math.PI;
          ex = Math.cos(a) * 0.1;
          ey = Math.sin(a) * 0.1;
          d2 = 0.01;
        }
        const f = (k * k) / d2; // k²/d, divided by d once more to normalise (ex, ey)
        dx[i] += ex * f; dy[i] += ey * f;
        dx[j] -= ex * f; dy[j] -= ey * f;
      }
    }
    for (const [s, t] of links) {
      const ex = x[s] - x[t];
      const ey = y[s] - y[t];
      const d = Math.sqrt(ex * ex + ey * ey) || 1e-3;
      const f = d / k; // d²/k, divided by d
      dx[s] -= ex * f; dy[s] -= ey * f;
      dx[t] += ex * f; dy[t] += ey * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (centreX - x[i]) * gravity * (k / 40);
      dy[i] += (centreY - y[i]) * gravity * (k / 40);
      const len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len > 0) {
        const step = Math.min(len, temperature) / len;
        x[i] = clamp(x[i] + dx[i] * step, marginX[i], frameW - marginX[i]);
        y[i] = clamp(y[i] + dy[i] * step, marginY[i], frameH - marginY[i]);
      }
    }
  }

  // Each label goes below its circle unless more of the node's edges leave downwards than
  // upwards; then above, so fewer lines cross it.
  const above = new Array<boolean>(n).fill(false);
  if (n > 1) {
    const down = new Array<number>(n).fill(0);
    for (const [s, t] of links) {
      const v = Math.sign(y[t] - y[s]);
      down[s] += v;
      down[t] -= v;
    }
    for (let i = 0; i < n; i++) above[i] = down[i] > 0;
  }

  // Overlap removal: a node occupies its circle plus its label, as a box around its centre.
  const labelSpan = labelGap + labelHeight;
  const halfW = base.map((_, i) => Math.max(r[i], labelWidth[i] / 2) + collisionGap / 2);
  const up = base.map((_, i) => r[i] + (above[i] ? labelSpan : 0) + collisionGap / 2);
  const down = base.map((_, i) => r[i] + (above[i] ? 0 : labelSpan) + collisionGap / 2);
  for (let pass = 0; pass < COLLISION_PASSES; pass++) {
    let moved = false;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        // Circles keep room between them for a visible line, its arrowhead and its badge.
        let ex = x[j] - x[i];
        let ey = y[j] - y[i];
        const needed = r[i] + r[j] + clearance;
        if (Math.abs(ex) < needed && Math.abs(ey) < needed) {
          const dist = Math.sqrt(ex * ex + ey * ey);
          if (dist < needed) {
            moved = true;
            const ux = dist > 1e-6 ? ex / dist : 1;
            const uy = dist > 1e-6 ? ey / dist : 0;
            const push = (needed - dist + 0.5) / 2;
            x[i] -= ux * push; y[i] -= uy * push;
            x[j] += ux * push; y[j] += uy * push;
            ex = x[j] - x[i];
            ey = y[j] - y[i];
          }
        }
        const overlapX = halfW[i] + halfW[j] - Math.abs(ex);
        if (overlapX <= 0) continue;
        const overlapY = ey >= 0 ? down[i] + up[j] - ey : up[i] + down[j] + ey;
        if (overlapY <= 0) continue;
        moved = true;
        // Push along the axis that needs the smaller move (weighted by the frame's shape, so a
        // portrait picture grows downwards), half each, away from each other.
        if (overlapX * aspect < overlapY) {
          const dir = ex > 0 || (ex === 0 && i < j) ? -1 : 1;
          x[i] += (dir * (overlapX + 0.5)) / 2;
          x[j] -= (dir * (overlapX + 0.5)) / 2;
        } else {
          const dir = ey > 0 || (ey === 0 && i < j) ? -1 : 1;
          y[i] += (dir * (overlapY + 0.5)) / 2;
          y[j] -= (dir * (overlapY + 0.5)) / 2;
        }
      }
    }
    if (!moved) break;
  }

  const nodes: LayoutNode[] = base.map((a, i) => ({
    id: a.id,
    name: a.name,
    x: round(x[i]),
    y: round(y[i]),
    r: round(r[i]),
    salience: a.salience,
    degree: degree[i],
    labelY: round(above[i] ? y[i] - r[i] - labelGap - fontSize * 0.3 : y[i] + r[i] + labelGap + fontSize * 0.95),
    labelWidth: round(labelWidth[i]),
  }));

  const maxAbsNet = Math.max(0, ...drawn.map((e) => Math.abs(e.net)));
  const directed = new Set(drawn.map((e) => `${e.source}\u0000${e.target}`));
  const edges: LayoutEdge[] = drawn
    .map((e) => {
      const s = nodes[index.get(e.source)!];
      const t = nodes[index.get(e.target)!];
      const width = edgeWidthFor(e.net, maxAbsNet) * ink;
      const ex = t.x - s.x;
      const ey = t.y - s.y;
      const len = Math.sqrt(ex * ex + ey * ey) || 1;
      // Reciprocal relations bow to the right of their own direction, so A→B and B→A separate.
      const bow = directed.has(`${e.target}\u0000${e.source}`) ? RECIPROCAL_BOW * len : 0;
      const cx = (s.x + t.x) / 2 + (-ey / len) * bow;
      const cy = (s.y + t.y) / 2 + (ex / len) * bow;
      const start = towards(s.x, s.y, cx, cy, s.r + 2 * ink);
      const tip = towards(t.x, t.y, cx, cy, t.r + 2 * ink);
      const arrowLength = 8 * ink + width * 1.6;
      const angle = Math.atan2(tip.y - cy, tip.x - cx);
      const end = { x: tip.x - Math.cos(angle) * arrowLength * 0.7, y: tip.y - Math.sin(angle) * arrowLength * 0.7 };
      return {
        source: e.source,
        target: e.target,
        sourceName: s.name,
        targetName: t.name,
        net: e.net,
        count: e.count,
        polarity: e.polarity,
        width: round(width),
        x1: round(start.x), y1: round(start.y),
        cx: round(cx), cy: round(cy),
        x2: round(end.x), y2: round(end.y),
        tipX: round(tip.x), tipY: round(tip.y),
        angle: Math.round(angle * 10000) / 10000,
        arrowLength: round(arrowLength),
        midX: round(0.25 * start.x + 0.5 * cx + 0.25 * tip.x),
        midY: round(0.25 * start.y + 0.5 * cy + 0.25 * tip.y),
      };
    })
    .sort((a, b) => Math.abs(a.net) - Math.abs(b.net) || (a.source + a.target < b.source + b.target ? -1 : 1));

  // The view box fits circles, labels and curves, so nothing is cut off at any width.
  let left = Infinity, right = -Infinity, top = Infinity, bottom = -Infinity;
  for (const node of nodes) {
    const half = Math.max(node.r, node.labelWidth / 2);
    left = Math.min(left, node.x - half);
    right = Math.max(right, node.x + half);
    top = Math.min(top, node.y - node.r, node.labelY - fontSize);
    bottom = Math.max(bottom, node.y + node.r, node.labelY + fontSize * 0.3);
  }
  for (const e of edges) {
    left = Math.min(left, e.midX - 10 * ink);
    right = Math.max(right, e.midX + 10 * ink);
    top = Math.min(top, e.midY - 10 * ink);
    bottom = Math.max(bottom, e.midY + 10 * ink);
  }
  const viewBox = {
    x: round(left - VIEW_PADDING),
    y: round(top - VIEW_PADDING),
    width: round(right - left + 2 * VIEW_PADDING),
    height: round(bottom - top + 2 * VIEW_PADDING),
  };
  return { viewBox, nodes, edges, fontSize, ink };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

function towards(x: number, y: number, tx: number, ty: number, distance: number): { x: number; y: number } {
  const ex = tx - x;
  const ey = ty - y;
  const len = Math.sqrt(ex * ex + ey * ey) || 1;
  return { x: x + (ex / len) * distance, y: y + (ey / len) * distance };
}

/** Two decimals: enough for a picture, and it keeps the SVG short and stable. */
function round(v: number): number {
  return Math.round(v * 100) / 100;
}
