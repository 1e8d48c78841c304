// DOM helpers: every piece of text goes in as a text node, never as HTML, so nothing the API returns can inject markup.

/** h('tag.class#id', {attrs}, ...children): an element; null/false children are skipped. */
export function h(spec, attrs = {}, ...children) {
    const [, tag = 'div', rest = ''] = spec.match(/^([a-z0-9-]*)(.*)$/i);
    const node = document.createElement(tag || 'div');
    for (const part of rest.match(/[.#][^.#]+/g) || []) {
        if (part[0] === '.') node.classList.add(part.slice(1)); else node.id = part.slice(1);
    }
    for (const [key, value] of Object.entries(attrs || {})) {
        if (value === null || value === undefined || value === false) continue;
        if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
        else if (key === 'dataset') Object.assign(node.dataset, value);
        else if (value === true) node.setAttribute(key, '');
        else node.setAttribute(key, value);
    }
    append(node, children);
    return node;
}

function append(node, children) {
    for (const child of children.flat(Infinity)) {
        if (child === null || child === undefined || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
}

/** An SVG element with attributes. */
export function svg(tag, attrs = {}, ...children) {
    const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    append(node, children);
    return node;
}

export function replace(node, ...children) {
    node.replaceChildren();
    append(node, children);
    return node;
}

export function toast(message, kind = 'info') {
    const item = h('div.toast.' + kind, {}, message);
    document.getElementById('toasts').append(item);
    setTimeout(() => item.remove(), 6000);
}

/** A date-time as ISO 8601 in UTC, to the second, with the local time as its tooltip. */
export function time(iso) {
    if (!iso) return '—';
    const date = new Date(iso);
    return h('time', {datetime: iso, title: date.toString()}, iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z'));
}

export function short(id, length = 8) {
    if (!id) return '—';
    return h('code.id', {title: id}, String(id).slice(0, length) + (String(id).length > length ? '…' : ''));
}

export function number(value) {
    return value === null || value === undefined ? '—' : Number(value).toLocaleString('en-US');
}

/** A table: columns [{label, cell: row => node}], rows. */
export function table(columns, rows, {empty = 'None.', rowAttrs = () => ({})} = {}) {
    if (!rows.length) return h('p.empty', {}, empty);
    return h('div.table-wrap', {},
        h('table', {},
            h('thead', {}, h('tr', {}, columns.map(c => h('th', {scope: 'col', class: c.numeric ? 'num' : null}, c.label)))),
            h('tbody', {}, rows.map(row => h('tr', rowAttrs(row),
                columns.map(c => h('td', {class: c.numeric ? 'num' : null, dataset: {col: c.key || ''}}, c.cell(row))))))));
}

/**
 * A confirmation dialog: states what will be called, with which body, and waits for the user's yes or no. Native
 * <dialog>: it traps focus, Escape cancels, and focus returns where it was.
 */
export function confirmCall(title, description, details, extra) {
    return new Promise(resolve => {
        const dialog = h('dialog.confirm', {'aria-labelledby': 'confirm-title'},
            h('h2#confirm-title', {}, title),
            h('p', {}, description),
            details ? h('pre.call', {}, details) : null,
            extra || null,
            h('div.buttons', {},
                h('button#confirm-no', {type: 'button', onclick: () => dialog.close('no')}, 'Cancel'),
                h('button#confirm-yes.primary', {type: 'button', onclick: () => dialog.close('yes')}, 'Confirm')));
        dialog.addEventListener('close', () => {
            dialog.remove();
            resolve(dialog.returnValue === 'yes');
        });
        document.body.append(dialog);
        dialog.showModal();
        (dialog.querySelector('input, select, textarea') || dialog.querySelector('#confirm-yes')).focus();
    });
}

/** A labelled form field. */
export function field(label, input, hint) {
    const id = input.id || ('f-' + Math.random().toString(36).slice(2));
    input.id = id;
    return h('div.field', {}, h('label', {for: id}, label), input, hint ? h('small', {}, hint) : null);
}

export function uuid() {
    return crypto.randomUUID();
}

export const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
