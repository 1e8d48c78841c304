import {h, replace, field, table, number, short, time, UUID_PATTERN} from '../ui.js';
import {get} from '../api.js';

/** Reservations, orders and transfers looked up by id. */
export function render(main) {
    const params = new URLSearchParams(location.search);
    const result = h('div#lookup-result', {'aria-live': 'polite'});
    const form = (id, label, pattern, show) => {
        const input = h('input', {id: id + '-input', pattern, size: 38, autocomplete: 'off', required: true,
            value: params.get(id) || ''});
        const run = async () => {
            history.replaceState(null, '', '/console/lookup?' + new URLSearchParams({[id]: input.value.trim()}));
            try {
                replace(result, await show(input.value.trim()));
            } catch (error) {
                replace(result, h('p.error', {role: 'alert'}, error.message));
            }
        };
        if (input.value) queueMicrotask(run);
        return h('form.inline', {id: id + '-form', onsubmit: event => {
            event.preventDefault();
            run();
        }}, field(label, input), h('button.primary', {type: 'submit'}, 'Look up'));
    };
    const skuLink = (p, w) => h('a', {href: `/console/stock/${p}/${w}`, 'data-nav': true}, short(p), ' / ', short(w));
    const reservation = r => h('section#reservation.card', {dataset: {status: r.status}},
        h('h2', {}, 'Reservation ', h('code', {}, r.reservation_id)),
        h('dl.facts', {},
            h('dt', {}, 'Status'), h('dd#reservation-status', {}, r.status),
            h('dt', {}, 'SKU'), h('dd', {}, skuLink(r.product_id, r.warehouse_id)),
            h('dt', {}, 'Quantity'), h('dd', {}, number(r.quantity)),
            h('dt', {}, 'Created'), h('dd', {}, time(r.created_at)),
            h('dt', {}, 'Expires'), h('dd', {}, time(r.expires_at)),
            h('dt', {}, 'Order'), h('dd', {}, r.order_id ? `${r.order_id} / ${r.line_id}` : '—'),
            h('dt', {}, 'Lots'), h('dd', {}, (r.lots || []).map(l => `${l.batch_number}×${l.quantity}`).join(', ') || '—')));
    const order = o => h('section#order.card', {dataset: {status: o.status}},
        h('h2', {}, 'Order ', h('code', {}, o.order_id)),
        h('p', {}, 'Status ', h('strong#order-status', {}, o.status), ' · expires ', time(o.expires_at)),
        table([
            {label: 'Line', cell: l => l.line_id},
            {label: 'Product', cell: l => short(l.product_id)},
            {label: 'Quantity', numeric: true, cell: l => number(l.quantity)},
            {label: 'Status', cell: l => l.status},
            {label: 'Allocations', cell: l => l.allocations.map(a => h('div', {}, skuLink(l.product_id, a.warehouse_id),
                ` ×${a.quantity} `, h('a', {href: '/console/lookup?reservation_id=' + a.reservation_id, 'data-nav': true},
                    short(a.reservation_id)), ' ', a.status))},
        ], o.lines));
    const transfer = t => h('section#transfer.card', {},
        h('h2', {}, 'Transfer ', h('code', {}, t.transfer_id)),
        h('dl.facts', {}, h('dt', {}, 'Status'), h('dd#transfer-status', {}, t.status),
            h('dt', {}, 'From'), h('dd', {}, skuLink(t.product_id, t.from_warehouse_id)),
            h('dt', {}, 'To'), h('dd', {}, skuLink(t.product_id, t.to_warehouse_id)),
            h('dt', {}, 'Quantity'), h('dd', {}, number(t.quantity)),
            t.reason ? [h('dt', {}, 'Reason'), h('dd', {}, t.reason)] : null));
    replace(main, h('h1', {}, 'Reservations, orders and transfers'),
        form('reservation_id', 'Reservation id', UUID_PATTERN,
            async id => reservation(await get('/v1/reservations/' + encodeURIComponent(id)))),
        form('order_id', 'Order id', '[A-Za-z0-9._:\\-]{1,128}',
            async id => order(await get('/v1/orders/' + encodeURIComponent(id)))),
        form('transfer_id', 'Transfer id', UUID_PATTERN,
            async id => transfer(await get('/v1/transfers/' + encodeURIComponent(id)))),
        result);
}
