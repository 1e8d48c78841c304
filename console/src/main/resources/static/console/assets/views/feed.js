import {h, replace, field, short, time, UUID_PATTERN} from '../ui.js';
import {follow} from '../api.js';

const KEPT = 200;

/** The movement journal as it is written, over server-sent events; newest on top, filterable by warehouse. */
export function render(main) {
    const warehouse = h('input#feed-warehouse', {pattern: UUID_PATTERN, size: 38, autocomplete: 'off'});
    const state = h('span#feed-state.badge', {}, 'connecting');
    const list = h('ol#feed-list.feed', {reversed: true});
    let stop = null;
    const start = () => {
        if (stop) stop();
        list.replaceChildren();
        stop = follow('/v1/console/feed', {warehouse_id: warehouse.value.trim()}, ({data: m}) => {
            list.prepend(h('li', {dataset: {position: m.global_position, product: m.product_id,
                warehouse: m.warehouse_id, type: m.movement_type}},
            time(m.occurred_at), ' ', h('strong', {}, m.movement_type), ' ',
            h('a', {href: `/console/stock/${m.product_id}/${m.warehouse_id}`, 'data-nav': true},
                short(m.product_id), ' in ', short(m.warehouse_id)),
            ` on hand ${m.on_hand_delta >= 0 ? '+' : ''}${m.on_hand_delta}, reserved ${m.reserved_delta >= 0 ? '+' : ''}${m.reserved_delta}`,
            m.reason ? ` (${m.reason})` : '', ' by ', m.requester_id || '—', ' · trace ', short(m.trace_id, 12)));
            while (list.children.length > KEPT) list.lastChild.remove();
        }, (s, error) => replace(state, s === 'error' ? 'reconnecting: ' + error.message : s));
    };
    replace(main, h('h1', {}, 'Live feed'),
        h('form.inline', {onsubmit: event => {
            event.preventDefault();
            start();
        }}, field('Warehouse id (empty: all)', warehouse), h('button.primary', {type: 'submit'}, 'Follow'), state),
        h('p.hint', {}, 'Each movement of the journal as it is stored, newest on top (the last 20 first).'),
        list);
    start();
    return () => stop && stop();
}
