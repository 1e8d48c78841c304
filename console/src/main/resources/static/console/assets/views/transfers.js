import {h, replace, field, table, number, short, time, UUID_PATTERN} from '../ui.js';
import {get} from '../api.js';

/** Transfers in transit: shipped, not yet received or returned. */
export function render(main) {
    const warehouse = h('input#transfers-warehouse', {pattern: UUID_PATTERN, size: 38, autocomplete: 'off'});
    const result = h('div#transfers-result', {'aria-live': 'polite'});
    const load = async () => {
        try {
            const answer = await get('/v1/console/transfers', {warehouse_id: warehouse.value.trim()});
            replace(result, table([
                {label: 'Transfer', cell: t => h('a', {href: '/console/lookup?transfer_id=' + t.transfer_id,
                    'data-nav': true}, short(t.transfer_id))},
                {label: 'Product', cell: t => short(t.product_id)},
                {label: 'From', cell: t => h('a', {href: `/console/stock/${t.product_id}/${t.from_warehouse_id}`,
                    'data-nav': true}, short(t.from_warehouse_id))},
                {label: 'To', cell: t => h('a', {href: `/console/stock/${t.product_id}/${t.to_warehouse_id}`,
                    'data-nav': true}, short(t.to_warehouse_id))},
                {label: 'Quantity', numeric: true, cell: t => number(t.quantity)},
                {label: 'Shipped', cell: t => time(t.shipped_at)},
            ], answer.transfers, {empty: 'No transfer is in transit.'}));
        } catch (error) {
            replace(result, h('p.error', {role: 'alert'}, error.message));
        }
    };
    replace(main, h('h1', {}, 'Transfers in transit'),
        h('form.inline', {onsubmit: event => {
            event.preventDefault();
            load();
        }}, field('Warehouse id (from or to; empty: all)', warehouse), h('button.primary', {type: 'submit'}, 'Show')),
        result);
    load();
}
