import {h, replace, field, table, number, short, time, toast, confirmCall, UUID_PATTERN} from '../ui.js';
import {get, post, download, session} from '../api.js';
import {P} from '../app.js';

const POLL_MS = 1000;

/** Audit: start a verification, reconciliation or rebuild and follow it live; read findings; export the journal. */
export function render(main) {
    const params = new URLSearchParams(location.search);
    const product = h('input#audit-product', {pattern: UUID_PATTERN, size: 38, autocomplete: 'off'});
    const warehouse = h('input#audit-warehouse', {pattern: UUID_PATTERN, size: 38, autocomplete: 'off'});
    const job = h('section#job.card', {'aria-live': 'polite'});
    let timer = null;

    const follow = async jobId => {
        clearTimeout(timer);
        history.replaceState(null, '', '/console/audit?job_id=' + jobId);
        try {
            const state = await get('/v1/audit/jobs/' + jobId);
            const percent = Math.round((state.progress || 0) * 100);
            const running = state.status === 'RUNNING';
            replace(job, h('h2', {}, `${state.kind} job `, h('code#job-id', {}, state.job_id)),
                h('p', {}, 'Status ', h('strong#job-status', {dataset: {status: state.status}}, state.status),
                    state.phase ? ` · ${state.phase}` : '', ` · requested by ${state.requested_by || '—'}`),
                h('progress#job-progress', {max: 100, value: percent, 'aria-label': 'progress'}, percent + '%'),
                h('dl.facts', {},
                    h('dt', {}, 'Events read'), h('dd#job-events', {}, `${number(state.events_read)} of ${number(state.events_total)}`),
                    h('dt', {}, 'Ledgers checked'), h('dd#job-ledgers', {}, number(state.ledgers_checked)),
                    h('dt', {}, 'Events per second'), h('dd', {}, number(Math.round(state.events_per_second || 0))),
                    h('dt', {}, 'Findings'), h('dd#job-findings', {}, number(state.findings)),
                    state.error ? [h('dt', {}, 'Error'), h('dd.error', {}, state.error)] : null),
                h('div#findings'));
            if (running) {
                timer = setTimeout(() => follow(jobId), POLL_MS);
            } else {
                const findings = await get(`/v1/audit/jobs/${jobId}/findings`, {limit: 1000});
                replace(job.querySelector('#findings'), h('h3', {}, 'Findings'), table([
                    {label: '#', numeric: true, cell: f => f.finding_no},
                    {label: 'Kind', key: 'kind', cell: f => f.kind},
                    {label: 'Ledger', cell: f => short(f.aggregate_identifier, 20)},
                    {label: 'Seq', numeric: true, cell: f => f.sequence_number ?? '—'},
                    {label: 'Field', cell: f => f.field || '—'},
                    {label: 'Expected', cell: f => short(f.expected, 16)},
                    {label: 'Actual', cell: f => short(f.actual, 16)},
                    {label: 'Detail', cell: f => f.detail || ''},
                ], findings.findings, {empty: 'No findings: everything checked agrees.'}));
            }
        } catch (error) {
            replace(job, h('p.error', {role: 'alert'}, error.message));
        }
    };

    const start = (kind, path, needs) => session.can(needs) ? h('button', {id: 'start-' + kind, type: 'button',
        onclick: async () => {
            const scope = {};
            if (product.value.trim()) scope.product_id = product.value.trim();
            if (warehouse.value.trim()) scope.warehouse_id = warehouse.value.trim();
            const body = path.includes('rebuild') ? undefined : scope;
            const what = path.includes('rebuild') ? 'every read model'
                : scope.product_id ? 'one ledger' : scope.warehouse_id ? 'one warehouse' : 'every ledger';
            if (!await confirmCall(`Start ${kind}`, `Of ${what}. It runs in the background; follow it here.`,
                `POST ${path}` + (body ? '\n' + JSON.stringify(body, null, 2) : ''))) return;
            try {
                const started = await post(path, body);
                toast(`${kind} started`, 'ok');
                follow(started.job_id);
            } catch (error) {
                toast(error.message, 'error');
            }
        }}, kind[0].toUpperCase() + kind.slice(1) + '…') : null;

    const jobInput = h('input#job-input', {pattern: UUID_PATTERN, size: 38, autocomplete: 'off'});
    const csvProduct = h('input#csv-product', {pattern: UUID_PATTERN, size: 38, required: true, autocomplete: 'off'});
    const csvWarehouse = h('input#csv-warehouse', {pattern: UUID_PATTERN, size: 38, autocomplete: 'off'});
    const csvFrom = h('input#csv-from', {type: 'datetime-local', step: 1});
    const csvTo = h('input#csv-to', {type: 'datetime-local', step: 1});
    const csvResult = h('p#csv-result', {'aria-live': 'polite'});
    const iso = input => input.value ? new Date(input.value).toISOString() : null;

    replace(main, h('h1', {}, 'Audit'),
        h('section.card', {}, h('h2', {}, 'Run a check'),
            h('div.inline', {}, field('Product id (optional)', product), field('Warehouse id (optional)', warehouse)),
            h('div.buttons', {}, start('verify', '/v1/audit/verify', P.AUDIT_READ),
                start('reconcile', '/v1/audit/reconcile', P.AUDIT_READ),
                start('rebuild', '/v1/admin/read-models/rebuild', P.AUDIT_ADMIN)),
            h('form.inline', {onsubmit: event => {
                event.preventDefault();
                follow(jobInput.value.trim());
            }}, field('Or follow a job by id', jobInput), h('button', {type: 'submit'}, 'Follow'))),
        job,
        h('section.card', {}, h('h2', {}, 'Movement journal as CSV'),
            h('form#csv-form.inline', {onsubmit: async event => {
                event.preventDefault();
                try {
                    const bytes = await download('/v1/ledger/movements', {product_id: csvProduct.value.trim(),
                        warehouse_id: csvWarehouse.value.trim(), from: iso(csvFrom), to: iso(csvTo)}, 'text/csv',
                    `movements-${csvProduct.value.trim()}.csv`);
                    replace(csvResult, `Downloaded ${number(bytes)} bytes.`);
                } catch (error) {
                    replace(csvResult, h('span.error', {role: 'alert'}, error.message));
                }
            }}, field('Product id', csvProduct), field('Warehouse id (optional)', csvWarehouse),
            field('From (your local time)', csvFrom), field('To', csvTo),
            h('button.primary', {type: 'submit'}, 'Download CSV')), csvResult));
    if (params.get('job_id')) follow(params.get('job_id'));
    return () => clearTimeout(timer);
}
