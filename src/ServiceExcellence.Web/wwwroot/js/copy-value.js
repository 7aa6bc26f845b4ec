// A "Copy" button copies the value of the input named by its data-copy-from attribute.
document.querySelectorAll('[data-copy-from]').forEach(button => {
    button.addEventListener('click', async () => {
        const input = document.getElementById(button.dataset.copyFrom);
        if (!input) { return; }
        input.select();
        try {
            await navigator.clipboard.writeText(input.value);
            button.textContent = 'Copied';
        } catch {
            button.textContent = 'Press Ctrl+C';
        }
    });
});
