// Log a guarantee call by keyboard: matches appear as the president types, ↓ and ↑ move through them, Enter
// chooses, Escape goes back to the search field; "No particular transaction" shows the invoiced-amount fields.
// Without this script the search is a plain form (Enter searches) and every field is shown.
(() => {
    'use strict';

    const search = document.getElementById('caller-search');
    if (search) {
        setUpSearch(search);
    }

    const form = document.getElementById('log-form');
    if (form) {
        setUpCallForm(form);
    }

    function setUpSearch(searchForm) {
        const input = document.getElementById('q');
        const list = document.getElementById('callers');
        const status = document.getElementById('callers-status');
        let latest = 0;
        let timer = 0;
        const links = () => Array.from(list.querySelectorAll('a.caller'));

        const render = (callers) => {
            const hadFocus = list.contains(document.activeElement);
            list.replaceChildren(...callers.map((caller) => {
                const item = document.createElement('li');
                item.className = 'list-group-item p-0';
                const link = document.createElement('a');
                link.className = 'd-block px-3 py-2 text-decoration-none caller';
                link.href = `?contactId=${encodeURIComponent(caller.contactId)}`;
                const name = document.createElement('strong');
                name.textContent = caller.contact;
                link.append(name, ` · ${caller.client} `);
                if (caller.email) {
                    const email = document.createElement('span');
                    email.className = 'small text-body-secondary';
                    email.textContent = `<${caller.email}>`;
                    link.append(email);
                }
                item.append(link);
                return item;
            }));
            status.textContent = callers.length === 0
                ? 'No client or contact starts with that.'
                : `${callers.length} match${callers.length === 1 ? '' : 'es'}`;
            if (hadFocus) {
                (links()[0] || input).focus();
            }
        };

        const lookUp = async () => {
            const request = ++latest;
            const text = input.value.trim();
            if (text.length < 2) {
                list.replaceChildren();
                status.textContent = '';
                return;
            }

            try {
                const url = new URL(searchForm.dataset.searchUrl, window.location.href);
                url.searchParams.set('q', text);
                const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
                if (!response.ok) {
                    throw new Error(`HTTP ${response.status}`);
                }

                const callers = await response.json();
                if (request === latest) {
                    render(callers);
                }
            } catch {
                if (request === latest) {
                    status.textContent = 'The search did not answer: press Enter to search again.';
                }
            }
        };

        input.addEventListener('input', () => {
            window.clearTimeout(timer);
            timer = window.setTimeout(lookUp, 150);
        });
        input.addEventListener('keydown', (event) => {
            const first = links()[0];
            if (event.key === 'ArrowDown' && first) {
                event.preventDefault();
                first.focus();
            }
        });
        list.addEventListener('keydown', (event) => {
            const all = links();
            const index = all.indexOf(document.activeElement);
            if (index < 0) {
                return;
            }

            if (event.key === 'ArrowDown' && index < all.length - 1) {
                event.preventDefault();
                all[index + 1].focus();
            } else if (event.key === 'ArrowUp') {
                event.preventDefault();
                (index === 0 ? input : all[index - 1]).focus();
            } else if (event.key === 'Escape') {
                event.preventDefault();
                input.focus();
            }
        });

        // The field has the focus as soon as it is shown: letters typed before this script ran are looked up now.
        if (input.value.trim() !== searchForm.dataset.searched) {
            lookUp();
        }
    }

    function setUpCallForm(callForm) {
        const manual = document.getElementById('manual-invoice');
        const none = callForm.querySelector('input[name="Transaction"][value="none"]');
        if (!manual || !none) {
            return;
        }

        const update = () => {
            manual.hidden = !none.checked;
        };
        callForm.addEventListener('change', update);
        update();
    }
})();
