import {h, replace, field, toast} from '../ui.js';
import {get, session} from '../api.js';

/** Sign-in: a bearer token pasted, checked against the service, kept in this tab only. */
export function render(main, {onSignedIn}) {
    const input = h('textarea#token', {rows: 4, required: true, autocomplete: 'off', spellcheck: 'false',
        placeholder: 'eyJhbGciOi…'});
    const error = h('p#signin-error.error', {role: 'alert'});
    const form = h('form#signin', {onsubmit: async event => {
        event.preventDefault();
        session.signIn(input.value.trim());
        try {
            const me = await get('/v1/console/session');
            session.subject = me.subject;
            session.permissions = new Set(me.permissions);
            toast('Signed in as ' + me.subject);
            onSignedIn();
        } catch (failure) {
            session.signOut();
            replace(error, failure.message);
        }
    }},
    field('Bearer token', input, 'Mint one with: java -jar api/target/stock-ledger.jar mint-token --role warehouse. '
        + 'It is kept for this browser tab only and sent as an Authorization header.'),
    h('button.primary', {type: 'submit'}, 'Sign in'), error);
    replace(main, h('section.signin', {}, h('h1', {}, 'Sign in'), form));
    input.focus();
}
