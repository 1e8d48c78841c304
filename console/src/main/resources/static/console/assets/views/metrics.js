import {h, replace, number} from '../ui.js';
import {get} from '../api.js';
import {lineChart} from '../chart.js';

const REFRESH_MS = 5000;

/** Commands per second and their latency over the last minutes, from this instance's own timers. */
export async function render(main) {
    const body = h('div#metrics-body', {'aria-live': 'off'});
    replace(main, h('h1', {}, 'Throughput and latency'),
        h('p.hint', {}, 'Commands completed by the instance serving this page, in 5-second intervals, last 15 minutes.'),
        body);
    const load = async () => {
        try {
            const answer = await get('/v1/console/metrics');
            const points = name => answer.samples.map(s => ({t: new Date(s.at), v: s[name]}));
            const total = answer.samples.reduce((sum, s) => sum + s.commands, 0);
            replace(body,
                h('p#metrics-total', {}, `${number(total)} command(s) in ${answer.samples.length} interval(s)`),
                lineChart('Commands per second', [{name: 'commands/s', className: 's1', points: points('commands_per_second')}],
                    {id: 'throughput-chart'}),
                lineChart('Latency (ms)', [
                    {name: 'mean', className: 's1', points: points('mean_millis')},
                    {name: 'slowest recent', className: 's2', points: points('max_millis')},
                ], {id: 'latency-chart', unit: ' ms'}));
        } catch (error) {
            replace(body, h('p.error', {role: 'alert'}, error.message));
        }
    };
    await load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
}
