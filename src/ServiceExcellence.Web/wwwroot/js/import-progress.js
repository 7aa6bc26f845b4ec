// The progress of a running CSV import: polls the page's Status handler every second and reloads the page,
// with its final report, when the import has finished. Without this script the page shows the progress
// at the time it was loaded.
(() => {
    'use strict';

    const card = document.getElementById('import-status');
    if (!card || card.dataset.finished === 'true') {
        return;
    }

    const bar = document.getElementById('import-progress');
    const set = (id, value) => {
        const element = document.getElementById(id);
        if (element) {
            element.textContent = value.toLocaleString();
        }
    };

    const poll = async () => {
        try {
            const response = await fetch(card.dataset.statusUrl, { headers: { Accept: 'application/json' }, cache: 'no-store' });
            if (response.ok) {
                const status = await response.json();
                bar.value = status.percent;
                bar.textContent = `${status.percent} %`;
                set('import-processed', status.processedRows);
                set('import-created', status.created);
                set('import-existing', status.existing);
                set('import-rejected', status.rejected);
                if (status.finished) {
                    window.location.reload();
                    return;
                }
            }
        } catch {
            // A network hiccup: try again at the next tick.
        }

        window.setTimeout(poll, 1000);
    };

    window.setTimeout(poll, 1000);
})();
