using ServiceExcellence.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

/// <summary>The company dashboard on the demo data: charts drawn under the strict CSP, tables one click away, no serious axe violations.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_company_dashboard_draws_its_charts_and_shows_each_as_a_table()
    {
        await using var session = await browser.OpenAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } });
        var page = session.Page;
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            // The content security policy forbids inline scripts: charts must be drawn by the app's own script file.
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };

        await session.SignInAsync("president@example.com");
        await page.GotoAsync("/Dashboard/Company");

        await Expect(page.Locator("h1")).ToHaveTextAsync("The whole company");
        foreach (var chart in new[] { "trend-chart", "dimensions-chart", "drivers-chart" })
        {
            Assert.True(await page.EvaluateAsync<bool>($"() => !!window.Chart && !!window.Chart.getChart('{chart}')"), $"{chart} was not drawn.");
        }

        await page.Locator("details[data-chart-table='trend-chart'] summary").ClickAsync();
        await Expect(page.Locator("#trend-table")).ToBeVisibleAsync();
        Assert.Empty(blocked);
        await session.ScreenshotAsync("dashboard-company");
    }

    [Fact]
    public async Task The_dashboard_has_no_serious_accessibility_violations()
    {
        Axe.AssertInstalled();
        await using var session = await browser.OpenAsync(new() { BypassCSP = true });
        await session.SignInAsync("president@example.com");
        await session.Page.GotoAsync("/Dashboard/Company");

        var report = (await Axe.CheckAsync(session, "dashboard")).ToList();
        await session.Page.GotoAsync("/Dashboard");
        report.AddRange(await Axe.CheckAsync(session, "dashboards"));

        Assert.True(report.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', report));
    }
}
