// Moves focus to the error summary of a survey form shown again with messages.
// Shows "What went wrong?" only for scores of 3 or less; without JavaScript it is always shown.
(function () {
    const errors = document.getElementById('errors');
    if (errors) {
        errors.focus();
    }

    const form = document.getElementById('rating-form');
    const section = document.getElementById('what-went-wrong');
    if (!form || !section) {
        return;
    }

    const threshold = Number(section.dataset.showAtOrBelow);
    const update = () => {
        const chosen = form.querySelector('input[name="Input.Overall"]:checked');
        section.hidden = !chosen || Number(chosen.value) > threshold;
    };
    form.addEventListener('change', update);
    update();
})();
