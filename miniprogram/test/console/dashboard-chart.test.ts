import { Canvas } from '@antv/f2';
import { chartOf, countTicks } from '../../src/console/dashboard/DashChart';
import { casesSpec, chartRows, scansSpec, todaySpec, trendSpec, venuesSpec, type ChartSpec } from '../../src/console/dashboard/spec';
import { translate } from '../../src/i18n';
import '../../src/console/i18n';
import '../../src/console/dashboard/i18n';

/**
 * The dashboard's charts as F2 draws them, on a recording 2D context (jsdom has no canvas):
 * every filled shape with its colour and bounds, and every text drawn. What the mini-programs'
 * and the browser's Canvas 2D receive is the same sequence of calls.
 */
interface Shape {
  fill: string;
  box: { x0: number; y0: number; x1: number; y1: number };
  /** Start and end angles of the arcs of the shape (a ring's sector). */
  arcs: Array<[number, number]>;
}

async function draw(spec: ChartSpec, width = 320, height = 200): Promise<{ shapes: Shape[]; texts: string[] }> {
  const shapes: Shape[] = [];
  const texts: string[] = [];
  let points: Array<[number, number]> = [];
  let arcs: Array<[number, number]> = [];
  // Shapes are drawn in their own coordinates, placed by setTransform (no rotation or scale here).
  let dx = 0;
  let dy = 0;
  const state: Record<string | symbol, unknown> = {};
  const context = new Proxy(state, {
    get(target, prop) {
      if (prop in target) return target[prop];
      switch (prop) {
        case 'measureText':
          return (text: string) => ({ width: String(text).length * 6 });
        case 'getLineDash':
          return () => [];
        case 'getImageData':
          return () => ({ data: new Uint8ClampedArray(4) });
        case 'createLinearGradient':
        case 'createRadialGradient':
        case 'createPattern':
          return () => ({ addColorStop: () => undefined });
        case 'beginPath':
          return () => {
            points = [];
            arcs = [];
          };
        case 'setTransform':
          return (_a: number, _b: number, _c: number, _d: number, e: number, f: number) => {
            dx = e;
            dy = f;
          };
        case 'resetTransform':
          return () => {
            dx = 0;
            dy = 0;
          };
        case 'moveTo':
        case 'lineTo':
          return (x: number, y: number) => void points.push([x + dx, y + dy]);
        case 'rect':
          // F2 also sets empty clip rectangles: not part of any shape.
          return (x: number, y: number, w: number, h: number) => void (w > 0 && h > 0 && points.push([x + dx, y + dy], [x + dx + w, y + dy + h]));
        case 'ellipse':
          return (x: number, y: number, rx: number, ry: number, _r: number, a0: number, a1: number) => {
            points.push([x - rx + dx, y - ry + dy], [x + rx + dx, y + ry + dy]);
            arcs.push([a0, a1]);
          };
        case 'fill':
          return () => {
            const fill = String(target.fillStyle);
            if (points.length === 0 || fill === 'transparent') return;
            const xs = points.map((p) => p[0]);
            const ys = points.map((p) => p[1]);
            shapes.push({ fill, box: { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) }, arcs });
          };
        case 'fillText':
          return (text: string) => void texts.push(String(text));
        default:
          return () => undefined;
      }
    },
    set(target, prop, value) {
      target[prop] = value;
      return true;
    },
  });
  const canvas = new Canvas({
    context: context as unknown as CanvasRenderingContext2D,
    offscreenCanvas: { getContext: () => context, width, height } as unknown as HTMLCanvasElement,
    pixelRatio: 1,
    width,
    height,
    animate: false,
    children: chartOf(spec),
  });
  await canvas.render();
  await new Promise((r) => setTimeout(r, 30));
  canvas.destroy();
  return { shapes, texts };
}

const t = (key: string, params?: Record<string, string | number>) => translate('zh', key, params);
const bars = (values: number[], over: Partial<ChartSpec> = {}): ChartSpec => ({
  kind: 'bars',
  categories: values.map((_, i) => `c${i}`),
  series: [{ key: 's', label: 'S', colour: '#0969da', values }],
  labelEvery: 1,
  missing: values.map(() => false),
  summary: '',
  ...over,
});
const height = (s: Shape) => s.box.y1 - s.box.y0;

describe('the dashboard charts as F2 draws them (issue 6)', () => {
  it('R16: bars: one per category in the series colour, heights in proportion, left to right', async () => {
    const { shapes } = await draw(bars([1, 3, 2]));
    const drawn = shapes.filter((s) => s.fill === '#0969da');
    expect(drawn).toHaveLength(3);
    expect(drawn.map((s) => s.box.x0)).toEqual([...drawn.map((s) => s.box.x0)].sort((a, b) => a - b));
    const unit = height(drawn[0]);
    expect(height(drawn[1]) / unit).toBeCloseTo(3, 1);
    expect(height(drawn[2]) / unit).toBeCloseTo(2, 1);
  });

  it('R16: 48 hours label only every 12th hour on the axis (the table lists them all)', async () => {
    const spec = bars(Array.from({ length: 48 }, (_, i) => i % 5), { labelEvery: 12, categories: Array.from({ length: 48 }, (_, i) => `h${i}`) });
    const { texts } = await draw(spec, 360, 220);
    expect(texts.filter((x) => /^h\d+$/.test(x))).toEqual(['h0', 'h12', 'h24', 'h36']);
  });

  it('R4: stacked bars: each day has a green, a yellow and a red part, stacked in that order', async () => {
    const spec: ChartSpec = {
      kind: 'stacked',
      categories: ['11-21', '11-22'],
      series: [
        { key: 'green', label: '绿码', colour: '#1a7f37', values: [6, 4] },
        { key: 'yellow', label: '黄码', colour: '#d4a72c', values: [2, 4] },
        { key: 'red', label: '红码', colour: '#cf222e', values: [2, 2] },
      ],
      labelEvery: 1,
      missing: [false, false],
      summary: '',
    };
    const { shapes } = await draw(spec);
    const of = (colour: string) => shapes.filter((s) => s.fill === colour);
    expect([of('#1a7f37').length, of('#d4a72c').length, of('#cf222e').length]).toEqual([2, 2, 2]);
    // Same total on both days: the stacks are equally tall; green at the bottom.
    const day = (i: number) => ['#1a7f37', '#d4a72c', '#cf222e'].map((c) => of(c)[i]);
    const [g0, y0, r0] = day(0);
    expect(g0.box.y0).toBeGreaterThanOrEqual(y0.box.y1 - 0.5);
    expect(y0.box.y0).toBeGreaterThanOrEqual(r0.box.y1 - 0.5);
    const tall = (i: number) => day(i).reduce((a, s) => a + height(s), 0);
    expect(tall(0)).toBeCloseTo(tall(1), 0);
    expect(height(g0) / height(day(1)[0])).toBeCloseTo(6 / 4, 1);
  });

  it('R4: the ring: one sector per colour, each as wide as its share', async () => {
    const spec = todaySpec({ today: { day: '2026-11-22', computedAt: null, counts: { green: 6, yellow: 3, red: 3 } }, days: [] }, t);
    const { shapes } = await draw(spec);
    const sweep = (s: Shape) => {
      const [a0, a1] = s.arcs[0];
      let d = a1 - a0;
      while (d <= 0) d += 2 * Math.PI;
      return d / (2 * Math.PI);
    };
    const sectors = shapes.filter((s) => s.arcs.length > 0);
    expect(sectors.map((s) => s.fill)).toEqual(['#1a7f37', '#d4a72c', '#cf222e']);
    expect(sectors.map((s) => Number(sweep(s).toFixed(3)))).toEqual([0.5, 0.25, 0.25]);
    // In the middle of the canvas (320 x 200).
    const x = (Math.min(...sectors.map((s) => s.box.x0)) + Math.max(...sectors.map((s) => s.box.x1))) / 2;
    const y = (Math.min(...sectors.map((s) => s.box.y0)) + Math.max(...sectors.map((s) => s.box.y1))) / 2;
    expect([Math.round(x), Math.round(y)]).toEqual([160, 100]);
  });

  it('R4: a ring of one colour only is a whole ring', async () => {
    const spec = todaySpec({ today: { day: '2026-11-22', computedAt: null, counts: { green: 5, yellow: 0, red: 0 } }, days: [] }, t);
    const { shapes } = await draw(spec);
    expect(shapes.filter((s) => s.arcs.length > 0 && s.fill === '#1a7f37')).toHaveLength(1);
  });
});

describe('what each chart is given (the same figures as its text)', () => {
  it('R16: the count axis has whole-number ticks up to the tallest bar or stack', () => {
    expect(countTicks(bars([0, 0]))).toEqual([0, 1]);
    expect(countTicks(bars([1, 2]))).toEqual([0, 1, 2]);
    expect(countTicks(bars([3, 7]))).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(bars([9, 44]))).toEqual([0, 20, 40, 60]);
    expect(countTicks(bars([120]))).toEqual([0, 50, 100, 150]);
    const stacked: ChartSpec = { ...bars([3, 1]), kind: 'stacked', series: [bars([3, 1]).series[0], { key: 'b', label: 'B', colour: '#000000', values: [4, 1] }] };
    expect(countTicks(stacked)).toEqual([0, 2, 4, 6, 8]);
  });


  it('R16: scans: the busiest hour is named; a day without scans has no peak', () => {
    const hours = Array.from({ length: 48 }, (_, i) => ({ hourStart: new Date(Date.UTC(2026, 10, 20, 9 + i)).toISOString(), count: i === 5 ? 9 : 1 }));
    const spec = scansSpec({ from: hours[0].hourStart, to: '', hours, total: 56 }, t);
    expect(spec.summary).toMatch(/^近 48 小时共 56 次扫码；最多的一小时是 \d\d-\d\d \d\d:00，9 次。$/);
    const none = scansSpec({ from: hours[0].hourStart, to: '', hours: hours.map((h) => ({ ...h, count: 0 })), total: 0 }, t);
    expect(none.summary).toBe('近 48 小时共 0 次扫码；最多的一小时是 —，0 次。');
  });

  it('R4: the trend keeps days without a snapshot on the axis, drawn at zero', () => {
    const days = [
      { day: '2026-11-21', computedAt: null, counts: null },
      { day: '2026-11-22', computedAt: '2026-11-22T02:00:00.000Z', counts: { green: 5, yellow: 1, red: 0 } },
    ];
    const spec = trendSpec({ today: days[1], days }, t);
    expect(spec.missing).toEqual([true, false]);
    expect(chartRows(spec)).toEqual([
      { x: '11-21', series: 'green', y: 0 },
      { x: '11-21', series: 'yellow', y: 0 },
      { x: '11-21', series: 'red', y: 0 },
      { x: '11-22', series: 'green', y: 5 },
      { x: '11-22', series: 'yellow', y: 1 },
      { x: '11-22', series: 'red', y: 0 },
    ]);
  });

  it('R11, R32: venue states in review order; cases oldest first, many cases labelled every other', () => {
    const v = venuesSpec({ states: (['under_review', 'passed', 'failed', 'revoked', 'retired'] as const).map((state, i) => ({ state, count: i })), total: 10 }, t);
    expect(v.categories).toEqual(['待审核', '已通过', '未通过', '已停用', '已注销']);
    const list = Array.from({ length: 10 }, (_, i) => ({ ref: `#00000${i}`, confirmedOn: '2026-11-22', status: 'open' as const, contacts: i }));
    const c = casesSpec({ since: '', limit: 20, cases: list }, t);
    expect(c.categories[0]).toBe('#000009');
    expect(c.series[0].values[0]).toBe(9);
    expect(c.labelEvery).toBe(2);
  });
});
