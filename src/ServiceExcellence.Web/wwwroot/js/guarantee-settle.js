// Settling a guarantee invocation: shows the credit (invoiced − agreed) as the president types the agreed amount.
(() => {
    'use strict';

    const agreed = document.getElementById('Settle_AgreedAmount');
    const credit = document.getElementById('credit-amount');
    if (!agreed || !credit) {
        return;
    }

    const invoiced = Number(agreed.dataset.invoiced);
    const currency = agreed.dataset.currency;
    const format = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    agreed.addEventListener('input', () => {
        const value = Number(agreed.value);
        credit.textContent = agreed.value === '' || Number.isNaN(value) || value < 0 || value > invoiced
            ? '—'
            : `${format.format(invoiced - value)} ${currency}`;
    });
})();
