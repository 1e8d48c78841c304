// The console's shell: sign-in, the navigation the token's permissions allow, and the router that draws the page
// the address names. Each page is a module under views/ exporting render(main, params) and, optionally, a cleanup.
import {h, replace, toast} from './ui.js';
import {get, session, ApiError} from './api.js';
import * as signin from './views/signin.js';
import * as stock from './views/stock.js';
import * as sku from './views/sku.js';
import * as lookup from './views/lookup.js';
import * as transfers from './views/transfers.js';
import * as audit from './views/audit.js';
import * as feed from './views/feed.js';
import * as metrics from './views/metrics.js';

export const P = {
    RECEIVE: 'inventory:receive', RESERVE: 'inventory:reserve', RELEASE: 'inventory:release',
    ADJUST: 'inventory:adjust', READ: 'inventory:read', ADMIN: 'inventory:admin',
    AUDIT_READ: 'audit:read', AUDIT_ADMIN: 'audit:admin',
};

const SECTIONS = [
    {path: '/console/stock', label: 'Stock', needs: P.READ},
    {path: '/console/lookup', label: 'Reservations & orders', needs: P.READ},
    {path: '/console/transfers', label: 'Transfers', needs: P.READ},
    {path: '/console/audit', label: 'Audit', needs: P.AUDIT_READ},
    {path: '/console/feed', label: 'Live feed', needs: P.AUDIT_READ},
    {path: '/console/metrics', label: 'Metrics', needs: P.READ},
];

const ROUTES = [
    [/^\/console\/stock\/([^/]+)\/([^/]+)$/, sku],
    [/^\/console\/stock$/, stock],
    [/^\/console\/lookup$/, lookup],
    [/^\/console\/transfers$/, transfers],
    [/^\/console\/audit$/, audit],
    [/^\/console\/feed$/, feed],
    [/^\/console\/metrics$/, metrics],
    [/^\/console\/?$/, stock],
];

let cleanup = null;

export function navigate(path) {
    history.pushState(null, '', path);
    route();
}

async function loadSession() {
    if (!session.token()) return false;
    try {
        const me = await get('/v1/console/session');
        session.subject = me.subject;
        session.permissions = new Set(me.permissions);
        return true;
    } catch (error) {
        session.signOut();
        if (error instanceof ApiError) toast('Sign-in refused: ' + error.message, 'error');
        return false;
    }
}

function drawChrome() {
    const nav = document.getElementById('nav');
    const here = location.pathname;
    replace(nav, h('ul', {}, SECTIONS.filter(s => session.can(s.needs)).map(s =>
        h('li', {}, h('a', {href: s.path, 'data-nav': true,
            'aria-current': here.startsWith(s.path) ? 'page' : null}, s.label)))));
    replace(document.getElementById('who'),
        h('span#signed-in-as', {title: [...session.permissions].join(', ')}, session.subject),
        h('button#sign-out', {type: 'button', onclick: () => {
            session.signOut();
            session.permissions = new Set();
            navigate('/console/');
        }}, 'Sign out'));
}

async function route() {
    if (cleanup) {
        cleanup();
        cleanup = null;
    }
    const main = document.getElementById('main');
    if (!session.permissions.size && !(await loadSession())) {
        replace(document.getElementById('nav'));
        replace(document.getElementById('who'));
        signin.render(main, {onSignedIn: () => route()});
        return;
    }
    drawChrome();
    const path = location.pathname;
    for (const [pattern, view] of ROUTES) {
        const match = path.match(pattern);
        if (match) {
            replace(main);
            cleanup = (await view.render(main, match.slice(1).map(decodeURIComponent))) || null;
            main.focus({preventScroll: true});
            return;
        }
    }
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'The console has no page at ' + path + '.'));
}

document.addEventListener('click', event => {
    const link = event.target.closest('a[data-nav]');
    if (link && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.button === 0) {
        event.preventDefault();
        navigate(link.getAttribute('href'));
    }
});
window.addEventListener('popstate', route);
// a token that stops working (expired, say) sends the user back to sign-in, on the same address
window.addEventListener('console:unauthenticated', event => {
    if (!session.permissions.size) return; // not signed in yet: the sign-in page reports it
    toast('The token was refused: ' + ((event.detail && event.detail.detail) || 'sign in again'), 'error');
    session.signOut();
    session.permissions = new Set();
    route();
});
route();
