import {h, replace, field, table, number, short, time, toast, confirmCall, svg} from '../ui.js';
import {get, post, put, session} from '../api.js';
import {lineChart} from '../chart.js';
import {P} from '../app.js';

const HISTORY_PAGE = 20;
const REFRESH_MS = 3000;
const REASONS = ['COUNT_CORRECTION', 'DAMAGE', 'LOSS', 'FOUND', 'RETURN_TO_STOCK', 'OTHER'];

const key = () => 'console-' + crypto.randomUUID();

/**
 * A SKU's page: its balance, lots, open reservations and orders, history, balance at an instant and chart, with the
 * actions the token allows. Balance, lots and reservations refresh every few seconds; the history stays where the
 * reader paged it until they refresh it.
 */
export async function render(main, [productId, warehouseId]) {
    const base = `/v1/stock/${productId}/${warehouseId}`;
    const sku = {product_id: productId, warehouse_id: warehouseId};
    const balance = h('section#balance.card', {'aria-labelledby': 'balance-h'});
    const lots = h('section#lots.card', {'aria-labelledby': 'lots-h'});
    const reservations = h('section#reservations.card', {'aria-labelledby': 'reservations-h'});
    const actions = h('section#actions.card', {'aria-labelledby': 'actions-h'});
    const asOf = h('section#as-of.card', {'aria-labelledby': 'as-of-h'});
    const chart = h('section#chart.card', {'aria-labelledby': 'chart-h'});
    const historySection = h('section#history.card', {'aria-labelledby': 'history-h'});

    replace(main,
        h('h1', {}, 'SKU ', short(productId), ' in ', short(warehouseId)),
        h('p.ids', {}, 'Product ', h('code#sku-product', {}, productId), ' · warehouse ',
            h('code#sku-warehouse', {}, warehouseId), ' ',
            h('button#refresh', {type: 'button', onclick: () => refreshAll()}, 'Refresh')),
        h('div.grid', {}, balance, actions),
        reservations, lots,
        session.can(P.AUDIT_READ) ? h('div.grid', {}, asOf, chart) : null,
        session.can(P.AUDIT_READ) ? historySection : null);

    // ---- balance
    const showBalance = figures => replace(balance, h('h2#balance-h', {}, 'Balance'),
        h('dl.figures', {}, [
            ['on_hand', 'On hand'], ['reserved', 'Reserved'], ['available', 'Available'], ['blocked', 'Blocked'],
            ['in_transit_in', 'In transit in'], ['in_transit_out', 'In transit out'],
        ].map(([name, label]) => h('div', {dataset: {field: name}}, h('dt', {}, label),
            h('dd', {}, number(figures[name]))))));
    let current = null;
    const loadBalance = async () => {
        try {
            current = await get(base);
            showBalance(current);
        } catch (error) {
            replace(balance, h('h2#balance-h', {}, 'Balance'), h('p.error', {role: 'alert'}, error.message));
        }
    };

    // ---- lots, with their expiry dates on a timeline
    const loadLots = async () => {
        try {
            const answer = await get('/v1/batches', {...sku, limit: 500});
            replace(lots, h('h2#lots-h', {}, 'Lots'), timeline(answer.batches, answer.status_date), table([
                {label: 'Lot', key: 'batch', cell: b => h('code', {}, b.batch_number)},
                {label: 'Expiry', cell: b => b.expiry_date || '—'},
                {label: 'Status', key: 'status', cell: b => h('span', {class: 'status ' + b.status}, b.status)},
                {label: 'Quantity', numeric: true, cell: b => number(b.quantity)},
                {label: 'Reserved', numeric: true, cell: b => number(b.reserved)},
                {label: 'Available', numeric: true, cell: b => number(b.available)},
                {label: 'Location', cell: b => b.location || '—'},
                {label: 'Received', cell: b => time(b.received_at)},
                {label: '', cell: b => session.can(P.ADMIN) ? lotAction(b) : null},
            ], answer.batches, {empty: 'No lots.', rowAttrs: b => ({dataset: {batch: b.batch_number}})}));
        } catch (error) {
            replace(lots, h('h2#lots-h', {}, 'Lots'), h('p.error', {role: 'alert'}, error.message));
        }
    };
    const lotAction = lot => {
        const quarantined = lot.status === 'QUARANTINED';
        return h('button', {type: 'button', class: quarantined ? 'release-lot' : 'quarantine-lot',
            onclick: async () => {
                const reason = h('input#lot-reason', {required: true, maxlength: 500});
                const body = {...sku, batch_number: lot.batch_number, reason: ''};
                const path = quarantined ? '/v1/batches/quarantine/release' : '/v1/batches/quarantine';
                if (!await confirmCall(quarantined ? 'Release lot from quarantine' : 'Quarantine lot',
                    `Lot ${lot.batch_number}: POST ${path}`, null, field('Reason', reason))) return;
                body.reason = reason.value || (quarantined ? 'released from the console' : 'quarantined from the console');
                await act(() => post(path, body), `Lot ${lot.batch_number} ${quarantined ? 'released' : 'quarantined'}`);
            }}, quarantined ? 'Release' : 'Quarantine');
    };

    // ---- open reservations and the orders they serve
    const loadReservations = async () => {
        try {
            const answer = await get(`/v1/console/stock/${productId}/${warehouseId}/reservations`);
            replace(reservations, h('h2#reservations-h', {}, 'Open reservations and orders'), table([
                {label: 'Reservation', key: 'reservation', cell: r => h('a', {
                    href: '/console/lookup?reservation_id=' + r.reservation_id, 'data-nav': true}, short(r.reservation_id))},
                {label: 'Quantity', numeric: true, key: 'quantity', cell: r => number(r.quantity)},
                {label: 'Expires', cell: r => time(r.expires_at)},
                {label: 'Order', cell: r => r.order_id ? h('a', {href: '/console/lookup?order_id='
                        + encodeURIComponent(r.order_id), 'data-nav': true}, r.order_id + ' / ' + r.line_id) : '—'},
                {label: 'Lots', cell: r => (r.lots || []).map(l => `${l.batch_number}×${l.quantity}`).join(', ')},
                {label: '', cell: r => session.can(P.RELEASE) ? h('button.release-reservation', {type: 'button',
                    onclick: async () => {
                        if (!await confirmCall('Release reservation', `${r.quantity} unit(s) go back to available.`,
                            `POST /v1/release\n${JSON.stringify({reservation_id: r.reservation_id}, null, 2)}`)) return;
                        await act(() => post('/v1/release', {reservation_id: r.reservation_id}),
                            'Reservation released');
                    }}, 'Release') : null},
            ], answer.reservations, {empty: 'No open reservations.',
                rowAttrs: r => ({dataset: {reservation: r.reservation_id}})}));
        } catch (error) {
            replace(reservations, h('h2#reservations-h', {}, 'Open reservations and orders'),
                h('p.error', {role: 'alert'}, error.message));
        }
    };

    // ---- actions, each an ordinary API call after a confirmation
    const act = async (call, done) => {
        try {
            const answer = await call();
            toast(done, 'ok');
            if (answer && answer.on_hand !== undefined) {
                // the command's answer is exact: show it now, then wait for the read model to catch up
                showBalance({...(current || {}), ...answer});
                await waitForReadModel(answer.on_hand);
            } else {
                await new Promise(resolve => setTimeout(resolve, 300));
            }
            await refreshLive();
            if (session.can(P.AUDIT_READ)) {
                await loadHistory(null);
                await loadChart();
            }
        } catch (error) {
            toast(error.message, 'error');
            replace(actionResult, h('p.error', {role: 'alert'}, error.message));
        }
    };
    const waitForReadModel = async onHand => {
        for (let i = 0; i < 20; i++) {
            const seen = await get(base).catch(() => null);
            if (seen && seen.on_hand === onHand) return;
            await new Promise(resolve => setTimeout(resolve, 250));
        }
    };
    const actionResult = h('div#action-result', {'aria-live': 'polite'});
    const forms = [];
    if (session.can(P.RECEIVE)) {
        const quantity = h('input#receive-quantity', {type: 'number', min: 1, max: 1000000, required: true});
        const batch = h('input#receive-batch', {maxlength: 64});
        const expiry = h('input#receive-expiry', {type: 'date'});
        const cost = h('input#receive-cost', {type: 'number', min: 0, step: '0.0001'});
        forms.push(h('form#receive-form.action', {onsubmit: async event => {
            event.preventDefault();
            const body = {...sku, quantity: Number(quantity.value), idempotency_key: key()};
            if (batch.value) body.batch_number = batch.value;
            if (expiry.value) body.expiry_date = expiry.value;
            if (cost.value) body.unit_cost = Number(cost.value);
            if (!await confirmCall('Receive stock', `${body.quantity} unit(s) into this SKU.`,
                'POST /v1/receive\n' + JSON.stringify(body, null, 2))) return;
            await act(() => post('/v1/receive', body), `Received ${body.quantity}`);
            event.target.reset();
        }}, h('h3', {}, 'Receive'), field('Quantity', quantity), field('Lot (batch number)', batch, 'empty: DEFAULT'),
        field('Expiry date', expiry), field('Unit cost', cost), h('button.primary', {type: 'submit'}, 'Receive…')));
    }
    if (session.can(P.ADJUST)) {
        const quantity = h('input#adjust-quantity', {type: 'number', min: -1000000, max: 1000000, required: true});
        const reason = h('select#adjust-reason', {required: true}, REASONS.map(r => h('option', {value: r}, r)));
        const note = h('input#adjust-note', {maxlength: 500});
        const batch = h('input#adjust-batch', {maxlength: 64});
        forms.push(h('form#adjust-form.action', {onsubmit: async event => {
            event.preventDefault();
            const body = {...sku, quantity: Number(quantity.value), reason: reason.value, idempotency_key: key()};
            if (note.value) body.note = note.value;
            if (batch.value) body.batch_number = batch.value;
            if (!await confirmCall('Adjust stock', `${body.quantity > 0 ? '+' : ''}${body.quantity} unit(s), ${body.reason}.`,
                'POST /v1/adjust\n' + JSON.stringify(body, null, 2))) return;
            await act(() => post('/v1/adjust', body), `Adjusted by ${body.quantity}`);
            event.target.reset();
        }}, h('h3', {}, 'Adjust'), field('Quantity (signed)', quantity), field('Reason', reason),
        field('Note', note), field('Lot', batch, 'empty: by picking order'),
        h('button.primary', {type: 'submit'}, 'Adjust…')));
    }
    if (session.can(P.ADMIN)) {
        const policy = h('select#policy', {}, h('option', {value: 'FEFO'}, 'FEFO: first expiring, first out'),
            h('option', {value: 'FIFO'}, 'FIFO: first received, first out'));
        forms.push(h('form#policy-form.action', {onsubmit: async event => {
            event.preventDefault();
            const body = {policy: policy.value};
            if (!await confirmCall('Change picking policy', `Reservations of this SKU will pick lots ${body.policy}.`,
                `PUT ${base}/picking-policy\n` + JSON.stringify(body, null, 2))) return;
            await act(() => put(base + '/picking-policy', body), `Picking policy: ${body.policy}`);
        }}, h('h3', {}, 'Picking policy'), field('Policy', policy), h('button.primary', {type: 'submit'}, 'Change…')));
    }
    replace(actions, h('h2#actions-h', {}, 'Actions'),
        forms.length ? h('div.actions', {}, forms) : h('p.empty', {}, 'This token may not change this SKU.'),
        actionResult);

    // ---- balance at a past instant, replayed from the event store
    if (session.can(P.AUDIT_READ)) {
        const instant = h('input#as-of-input', {type: 'datetime-local', step: 1, required: true});
        const result = h('div#as-of-result', {'aria-live': 'polite'});
        replace(asOf, h('h2#as-of-h', {}, 'Balance at an instant'),
            h('form#as-of-form.inline', {onsubmit: async event => {
                event.preventDefault();
                const iso = new Date(instant.value).toISOString();
                try {
                    const past = await get(`/v1/ledger/${productId}/${warehouseId}/balance`, {as_of: iso});
                    replace(result, h('dl.figures', {}, [['on_hand', 'On hand'], ['reserved', 'Reserved'],
                        ['available', 'Available'], ['sequence_number', 'After event']].map(([name, label]) =>
                        h('div', {dataset: {field: name}}, h('dt', {}, label), h('dd', {}, number(past[name]))))),
                        h('p.hint', {}, 'Replayed from the event store as of ', time(past.as_of), '.'));
                } catch (error) {
                    replace(result, h('p.error', {role: 'alert'}, error.message));
                }
            }}, field('Instant (your local time)', instant), h('button', {type: 'submit'}, 'Show')), result);
    }

    // ---- on hand and reserved over time, from the movement journal
    const loadChart = async () => {
        const rows = [];
        let from = 0;
        try {
            for (let page = 0; page < 5 && from !== null; page++) {
                const answer = await get('/v1/ledger/movements', {...sku, from_position: from, limit: 1000});
                rows.push(...answer.movements);
                from = answer.next_from_position;
            }
        } catch (error) {
            replace(chart, h('h2#chart-h', {}, 'On hand and reserved over time'), h('p.error', {}, error.message));
            return;
        }
        let onHand = 0;
        let reserved = 0;
        const onHandPoints = [];
        const reservedPoints = [];
        for (const row of rows) {
            onHand += row.on_hand_delta;
            reserved += row.reserved_delta;
            const t = new Date(row.occurred_at);
            onHandPoints.push({t, v: onHand});
            reservedPoints.push({t, v: reserved});
        }
        replace(chart, h('h2#chart-h', {}, 'On hand and reserved over time'),
            lineChart(`On hand and reserved, ${rows.length} movement(s)`, [
                {name: 'On hand', className: 's1', points: onHandPoints, step: true},
                {name: 'Reserved', className: 's2', points: reservedPoints, step: true},
            ], {id: 'stock-chart'}));
    };

    // ---- history from the event store, newest first, paged
    let newest = null;
    const loadHistory = async fromSequence => {
        try {
            if (fromSequence === null) {
                const now = await get(`/v1/ledger/${productId}/${warehouseId}/balance`,
                    {as_of: new Date(Date.now() + 1000).toISOString()});
                newest = now.sequence_number ?? -1;
                fromSequence = Math.max(0, newest - HISTORY_PAGE + 1);
            }
            const answer = newest < 0 ? {events: []} : await get(`/v1/ledger/${productId}/${warehouseId}/events`,
                {from_sequence: fromSequence, limit: Math.min(HISTORY_PAGE, newest - fromSequence + 1)});
            const events = answer.events.slice().reverse();
            const first = events.length ? events[events.length - 1].sequence_number : 0;
            const last = events.length ? events[0].sequence_number : -1;
            replace(historySection, h('h2#history-h', {}, 'History (event store, newest first)'),
                h('p.pager', {},
                    h('button#history-newer', {type: 'button', disabled: last >= newest,
                        onclick: () => loadHistory(Math.min(newest - HISTORY_PAGE + 1, last + 1))}, '← Newer'),
                    ` events ${first}–${last} of ${newest + 1} `,
                    h('button#history-older', {type: 'button', disabled: first <= 0,
                        onclick: () => loadHistory(Math.max(0, first - HISTORY_PAGE))}, 'Older →')),
                table([
                    {label: '#', numeric: true, key: 'seq', cell: e => e.sequence_number},
                    {label: 'Recorded', cell: e => time(e.timestamp)},
                    {label: 'Event', key: 'type', cell: e => e.event_type},
                    {label: 'Actor', key: 'actor', cell: e => e.metadata.actor || '—'},
                    {label: 'Trace id', key: 'trace', cell: e => short(e.metadata.trace_id, 12)},
                    {label: 'Chain hash', key: 'hash', cell: e => short(e.metadata.chain_hash, 12)},
                    {label: 'Payload', cell: e => h('details', {}, h('summary', {}, summary(e)),
                        h('pre', {}, JSON.stringify(e.payload, null, 2)))},
                ], events, {empty: 'No events.', rowAttrs: e => ({dataset: {sequence: e.sequence_number}})}));
        } catch (error) {
            replace(historySection, h('h2#history-h', {}, 'History'), h('p.error', {role: 'alert'}, error.message));
        }
    };

    const refreshLive = () => Promise.all([loadBalance(), loadLots(), loadReservations()]);
    const refreshAll = async () => {
        await refreshLive();
        if (session.can(P.AUDIT_READ)) await Promise.all([loadHistory(null), loadChart()]);
    };
    await refreshAll();
    const timer = setInterval(() => {
        if (!document.querySelector('dialog[open]') && !document.hidden) refreshLive();
    }, REFRESH_MS);
    return () => clearInterval(timer);
}

function summary(event) {
    const p = event.payload || {};
    const parts = [];
    for (const name of ['quantity', 'reason', 'batch_number', 'reservation_id', 'policy']) {
        if (p[name] !== undefined) parts.push(`${name}=${typeof p[name] === 'string' && p[name].length > 12
            ? p[name].slice(0, 8) + '…' : p[name]}`);
    }
    return parts.join(' ') || 'payload';
}

/** The lots' expiry dates on a line from today: quarantined lots marked, expired ones left of today. */
function timeline(batches, statusDate) {
    const dated = batches.filter(b => b.expiry_date);
    if (!dated.length) return h('p.hint', {}, 'No lot has an expiry date.');
    const day = d => Date.parse(d + 'T00:00:00Z');
    const today = day(statusDate || new Date().toISOString().slice(0, 10));
    const start = Math.min(today, ...dated.map(b => day(b.expiry_date)));
    const end = Math.max(today + 86400000, ...dated.map(b => day(b.expiry_date)));
    const W = 640, X0 = 20, X1 = 620;
    const x = t => X0 + (X1 - X0) * (t - start) / (end - start);
    const picture = svg('svg', {viewBox: `0 0 ${W} 70`, role: 'img', class: 'timeline',
        'aria-label': 'Expiry dates: ' + dated.map(b => `${b.batch_number} ${b.expiry_date} ${b.status}`).join('; ')},
    svg('line', {x1: X0, x2: X1, y1: 35, y2: 35, class: 'axis-line'}),
    svg('line', {x1: x(today), x2: x(today), y1: 10, y2: 60, class: 'today'}),
    svg('text', {x: x(today), y: 8, 'text-anchor': 'middle', class: 'axis'}, 'today'));
    dated.forEach((b, i) => {
        const cx = x(day(b.expiry_date));
        picture.append(svg('circle', {cx, cy: 35, r: 6, class: 'lot ' + b.status, 'data-batch': b.batch_number},
            svg('title', {}, `${b.batch_number}: expires ${b.expiry_date}, ${b.status}, ${b.quantity} unit(s)`)),
        // labels near either end are anchored inwards, so they are not cut off
        svg('text', {x: cx, y: i % 2 ? 62 : 25, class: 'label',
            'text-anchor': cx > W - 120 ? 'end' : cx < 120 ? 'start' : 'middle'},
            `${b.batch_number} ${b.expiry_date}`));
    });
    return h('figure.timeline-figure', {}, picture);
}
