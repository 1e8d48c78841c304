import {h, replace, field, table, number, short, UUID_PATTERN} from '../ui.js';
import {get} from '../api.js';

/** Stock search: by product (every warehouse) or by warehouse (every product); each row links to the SKU's page. */
export function render(main) {
    const params = new URLSearchParams(location.search);
    const product = h('input#search-product', {name: 'product_id', pattern: UUID_PATTERN, size: 38,
        value: params.get('product_id') || '', autocomplete: 'off'});
    const warehouse = h('input#search-warehouse', {name: 'warehouse_id', pattern: UUID_PATTERN, size: 38,
        value: params.get('warehouse_id') || '', autocomplete: 'off'});
    const results = h('div#stock-results', {'aria-live': 'polite'});
    const search = async () => {
        if (!product.value && !warehouse.value) {
            replace(results, h('p.hint', {}, 'Enter a product id, a warehouse id, or both.'));
            return;
        }
        const query = {product_id: product.value.trim(), warehouse_id: warehouse.value.trim()};
        history.replaceState(null, '', '/console/stock?' + new URLSearchParams(
            Object.entries(query).filter(([, v]) => v)).toString());
        replace(results, h('p.loading', {}, 'Searching…'));
        try {
            const answer = await get('/v1/console/ledgers', query);
            replace(results, h('p.count', {}, `${answer.ledgers.length} SKU(s)`), table([
                {label: 'Product', cell: r => short(r.product_id)},
                {label: 'Warehouse', cell: r => short(r.warehouse_id)},
                {label: 'On hand', key: 'on_hand', numeric: true, cell: r => number(r.on_hand)},
                {label: 'Reserved', key: 'reserved', numeric: true, cell: r => number(r.reserved)},
                {label: 'Available', key: 'available', numeric: true, cell: r => number(r.available)},
                {label: 'Blocked', key: 'blocked', numeric: true, cell: r => number(r.blocked)},
                {label: 'In transit (in / out)', key: 'in_transit', numeric: true,
                    cell: r => `${number(r.in_transit_in)} / ${number(r.in_transit_out)}`},
                {label: '', cell: r => h('a', {href: `/console/stock/${r.product_id}/${r.warehouse_id}`,
                    'data-nav': true, class: 'open-sku'}, 'Open')},
            ], answer.ledgers, {empty: 'No stock found.',
                rowAttrs: r => ({dataset: {product: r.product_id, warehouse: r.warehouse_id}})}));
        } catch (error) {
            replace(results, h('p.error', {role: 'alert'}, error.message));
        }
    };
    replace(main, h('h1', {}, 'Stock'),
        h('form#stock-search.inline', {role: 'search', onsubmit: event => {
            event.preventDefault();
            search();
        }}, field('Product id', product), field('Warehouse id', warehouse),
        h('button.primary', {type: 'submit'}, 'Search')),
        results);
    if (product.value || warehouse.value) search();
    product.focus();
}
