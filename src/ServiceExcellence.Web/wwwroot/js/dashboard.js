// Draws the dashboard's charts from the JSON block the page renders (#dashboard-data). Every chart has the same
// figures in a table beside it (a <details> element), so nothing depends on this script or on seeing colours.
(() => {
    'use strict';

    const source = document.getElementById('dashboard-data');
    if (!source || typeof window.Chart === 'undefined') {
        return;
    }

    const data = JSON.parse(source.textContent);
    const Chart = window.Chart;
    const brand = '#1f4e79';
    const accent = '#e07a1f';
    const muted = '#9aa5b1';
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.maintainAspectRatio = false;
    Chart.defaults.animation = false;

    const draw = (id, config) => {
        const canvas = document.getElementById(id);
        if (canvas) {
            new Chart(canvas, config);
        }
    };

    draw('trend-chart', {
        data: {
            labels: data.trend.labels,
            datasets: [
                { type: 'line', label: 'CSAT %', data: data.trend.csat, borderColor: brand, backgroundColor: brand, yAxisID: 'percent', spanGaps: true },
                { type: 'line', label: 'Response rate %', data: data.trend.responseRate, borderColor: accent, backgroundColor: accent, borderDash: [6, 4], yAxisID: 'percent', spanGaps: true },
                { type: 'bar', label: 'Ratings', data: data.trend.ratings, backgroundColor: 'rgba(154, 165, 177, 0.45)', yAxisID: 'count' },
                { type: 'bar', label: 'Alerts', data: data.trend.alerts, backgroundColor: 'rgba(192, 57, 43, 0.55)', yAxisID: 'count' },
            ],
        },
        options: {
            interaction: { mode: 'index', intersect: false },
            scales: {
                percent: { position: 'left', min: 0, max: 100, title: { display: true, text: '%' } },
                count: { position: 'right', beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: 'count' } },
            },
        },
    });

    draw('dimensions-chart', {
        type: 'bar',
        data: {
            labels: data.dimensions.labels,
            datasets: [
                { label: 'This period', data: data.dimensions.current, backgroundColor: brand },
                { label: 'Previous period', data: data.dimensions.previous, backgroundColor: muted },
            ],
        },
        options: { scales: { y: { min: 1, max: 5 } } },
    });

    draw('drivers-chart', {
        type: 'bar',
        data: {
            labels: data.drivers.labels,
            datasets: [{ label: 'Correlation with overall (r)', data: data.drivers.correlation, backgroundColor: accent }],
        },
        options: { indexAxis: 'y', scales: { x: { min: -1, max: 1 } } },
    });
})();
