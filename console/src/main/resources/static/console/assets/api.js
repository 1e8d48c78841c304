// The API as the console calls it: every call an ordinary /v1 request with the signed-in token as a bearer token.
// The token is kept in sessionStorage: it lives as long as the browser tab, is never put in a URL, and never in a cookie.

const KEY = 'stock-ledger-console-token';

export const session = {
    token: () => sessionStorage.getItem(KEY),
    signIn: token => sessionStorage.setItem(KEY, token),
    signOut: () => sessionStorage.removeItem(KEY),
    subject: null,
    permissions: new Set(),
    can(permission) {
        return this.permissions.has(permission);
    },
};

/** A refusal or failure of the API, with its problem document when it sent one. */
export class ApiError extends Error {
    constructor(status, problem) {
        const detail = problem && (problem.detail || problem.title);
        const fields = problem && Array.isArray(problem.errors)
            ? problem.errors.map(e => `${e.field}: ${e.reason}`).join('; ') : '';
        super(`${status}${problem && problem.code ? ' ' + problem.code : ''}: ${detail || 'request failed'}`
            + (fields ? ` (${fields})` : ''));
        this.status = status;
        this.problem = problem;
    }
}

function headers(extra = {}) {
    const result = {...extra};
    const token = session.token();
    if (token) result.Authorization = 'Bearer ' + token;
    return result;
}

async function parse(response) {
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : await response.text();
    if (!response.ok) {
        if (response.status === 401) window.dispatchEvent(new CustomEvent('console:unauthenticated', {detail: body}));
        throw new ApiError(response.status, typeof body === 'object' ? body : null);
    }
    return body;
}

export async function get(path, params) {
    const query = params ? '?' + new URLSearchParams(Object.entries(params)
        .filter(([, v]) => v !== null && v !== undefined && v !== '')).toString() : '';
    return parse(await fetch(path + (query === '?' ? '' : query), {headers: headers({Accept: 'application/json'})}));
}

export async function send(method, path, body) {
    return parse(await fetch(path, {
        method,
        headers: headers({'Content-Type': 'application/json', Accept: 'application/json'}),
        body: body === undefined ? undefined : JSON.stringify(body),
    }));
}

export const post = (path, body) => send('POST', path, body);
export const put = (path, body) => send('PUT', path, body);

/** A file download that needs the bearer token: fetched, then handed to the browser as a blob. */
export async function download(path, params, accept, filename) {
    const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
    const response = await fetch(path + '?' + query, {headers: headers({Accept: accept})});
    if (!response.ok) await parse(response);
    const blob = await response.blob();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    return blob.size;
}

/**
 * Follows a server-sent event stream with the bearer token (EventSource cannot send one): calls onEvent with each
 * {event, id, data}; reconnects after a drop from the last id seen. Returns a function that stops it.
 */
export function follow(path, params, onEvent, onState) {
    const controller = new AbortController();
    let lastId = null;
    let stopped = false;
    const run = async () => {
        while (!stopped) {
            try {
                const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v)).toString();
                const extra = {Accept: 'text/event-stream'};
                if (lastId !== null) extra['Last-Event-ID'] = lastId;
                const response = await fetch(path + (query ? '?' + query : ''),
                    {headers: headers(extra), signal: controller.signal});
                if (!response.ok) await parse(response);
                onState('open');
                const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
                let buffer = '';
                for (;;) {
                    const {value, done} = await reader.read();
                    if (done) break;
                    buffer += value;
                    let end;
                    while ((end = buffer.indexOf('\n\n')) >= 0) {
                        const frame = buffer.slice(0, end);
                        buffer = buffer.slice(end + 2);
                        const message = {event: 'message', id: null, data: ''};
                        for (const line of frame.split('\n')) {
                            const colon = line.indexOf(':');
                            if (colon === 0) continue;
                            const name = colon < 0 ? line : line.slice(0, colon);
                            const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
                            if (name === 'event') message.event = text;
                            else if (name === 'id') message.id = text;
                            else if (name === 'data') message.data += (message.data ? '\n' : '') + text;
                        }
                        if (message.id !== null) lastId = message.id;
                        if (message.data) onEvent({...message, data: JSON.parse(message.data)});
                    }
                }
            } catch (error) {
                if (stopped) return;
                onState('error', error);
                if (error instanceof ApiError && error.status < 500) return;
            }
            if (!stopped) await new Promise(resolve => setTimeout(resolve, 2000));
        }
    };
    run();
    return () => {
        stopped = true;
        controller.abort();
        onState('closed');
    };
}
