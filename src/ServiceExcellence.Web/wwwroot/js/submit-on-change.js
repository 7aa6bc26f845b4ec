// Forms that show different fields for each choice (the kind of an alert rule, what a routing rule matches):
// choosing another value in a `data-submit-on-change` list reloads the page for it at once. Without this
// script the form's own button does the same, so the script hides that button.
(() => {
    'use strict';

    for (const select of document.querySelectorAll('select[data-submit-on-change]')) {
        const form = select.form;
        if (!form) {
            continue;
        }

        for (const button of form.querySelectorAll('[data-hide-with-script]')) {
            button.classList.add('d-none');
        }

        select.addEventListener('change', () => form.requestSubmit());
    }
})();
