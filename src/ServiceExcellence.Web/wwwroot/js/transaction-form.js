// Record a transaction: when the client changes, load that client's contacts into the contact list.
// Without this script the form still works: the server shows the chosen client's contacts when the
// form comes back with a message.
(() => {
    'use strict';

    const client = document.getElementById('Input_ClientId');
    const contact = document.getElementById('Input_ContactId');
    const help = document.getElementById('contactHelp');
    if (!client || !contact || !contact.dataset.contactsUrl) {
        return;
    }

    const defaultHelp = help ? help.textContent : '';
    let latest = 0;

    const say = (text) => {
        if (help) {
            help.textContent = text;
        }
    };

    const fill = (placeholder, options) => {
        contact.replaceChildren(new Option(placeholder, ''));
        for (const option of options) {
            contact.add(new Option(option.name, option.id));
        }
        if (options.length === 1) {
            contact.value = options[0].id;
        }
    };

    client.addEventListener('change', async () => {
        const request = ++latest;
        if (!client.value) {
            fill('Choose the client first…', []);
            say(defaultHelp);
            return;
        }

        fill('Loading contacts…', []);
        contact.setAttribute('aria-busy', 'true');
        try {
            const url = new URL(contact.dataset.contactsUrl, window.location.href);
            url.searchParams.set('clientId', client.value);
            const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (!response.ok) {
                throw new Error(`HTTP ${response.status}`);
            }

            const options = await response.json();
            if (request !== latest) {
                return; // the client was changed again meanwhile
            }

            fill('Choose a contact…', options);
            say(options.length === 0 ? 'This client has no contacts yet: an administrator adds them on the client page.' : defaultHelp);
        } catch {
            if (request === latest) {
                fill('Choose a contact…', []);
                say('The contacts could not be loaded. Record the transaction anyway and the form will show them.');
            }
        } finally {
            if (request === latest) {
                contact.removeAttribute('aria-busy');
            }
        }
    });
})();
