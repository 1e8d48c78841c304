// A small line chart in SVG, drawn here rather than taken from a library: two or three series over time is all the
// console charts, and a file of our own needs no build step, no WebJar and no trust in someone else's code.
import {svg, h} from './ui.js';

const WIDTH = 640;
const HEIGHT = 220;
const PAD = {left: 56, right: 12, top: 12, bottom: 28};

/**
 * series: [{name, className, points: [{t: Date, v: number}], step?: true}]. Returns a figure with the chart, a legend
 * and, for screen readers and keyboards, a table of the last points.
 */
export function lineChart(title, series, {unit = '', id} = {}) {
    const all = series.flatMap(s => s.points);
    const figure = h('figure.chart', {id}, h('figcaption', {}, title));
    if (!all.length) {
        figure.append(h('p.empty', {}, 'No data yet.'));
        return figure;
    }
    const t0 = Math.min(...all.map(p => +p.t));
    const t1 = Math.max(...all.map(p => +p.t), t0 + 1);
    const vMax = Math.max(1, ...all.map(p => p.v));
    const x = t => PAD.left + (WIDTH - PAD.left - PAD.right) * (+t - t0) / (t1 - t0);
    const y = v => HEIGHT - PAD.bottom - (HEIGHT - PAD.top - PAD.bottom) * v / vMax;
    const chart = svg('svg', {viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': title,
        class: 'chart-svg'});
    for (let i = 0; i <= 4; i++) {
        const v = vMax * i / 4;
        chart.append(svg('line', {x1: PAD.left, x2: WIDTH - PAD.right, y1: y(v), y2: y(v), class: 'gridline'}),
            svg('text', {x: PAD.left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'axis'},
                round(v).toLocaleString('en-US') + unit));
    }
    chart.append(
        svg('text', {x: PAD.left, y: HEIGHT - 8, class: 'axis'}, new Date(t0).toISOString().slice(0, 19) + 'Z'),
        svg('text', {x: WIDTH - PAD.right, y: HEIGHT - 8, 'text-anchor': 'end', class: 'axis'},
            new Date(t1).toISOString().slice(0, 19) + 'Z'));
    for (const s of series) {
        if (!s.points.length) continue;
        let d = '';
        s.points.forEach((p, i) => {
            if (i === 0) d += `M${x(p.t)},${y(p.v)}`;
            else if (s.step) d += `H${x(p.t)}V${y(p.v)}`;
            else d += `L${x(p.t)},${y(p.v)}`;
        });
        if (s.step) d += `H${x(t1)}`;
        chart.append(svg('path', {d, class: 'series ' + s.className, 'data-series': s.name}));
    }
    figure.append(chart, h('ul.legend', {}, series.map(s => h('li', {class: s.className},
        `${s.name}: ${s.points.length ? round(s.points[s.points.length - 1].v).toLocaleString('en-US') + unit : '—'} (latest)`))));
    return figure;
}

function round(value) {
    return Math.round(value * 10) / 10;
}
