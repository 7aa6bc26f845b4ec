using System.Text.Json;
using ServiceExcellence.BrowserTests.Support;

namespace ServiceExcellence.BrowserTests.Pages;

/// <summary>axe-core's automated WCAG checks on the pages a newcomer sees first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    // Returns the serious and critical violations only, as JSON: minor and moderate ones are reported by axe but do not fail the build.
    private const string RunAxe = """
        async () => {
            const result = await axe.run(document, { resultTypes: ['violations'] });
            return JSON.stringify(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' — ' + n.failureSummary) })));
        }
        """;

    [Fact]
    public async Task Pages_have_no_serious_accessibility_violations()
    {
        Assert.True(File.Exists(Repository.AxeScript), $"axe-core is missing at {Repository.AxeScript}: run `npm ci` in tests/ServiceExcellence.BrowserTests and build again.");
        // The app's content security policy forbids inline scripts, which is how axe gets into the page.
        await using var session = await browser.OpenAsync(new() { BypassCSP = true });
        var page = session.Page;
        var report = new List<string>();

        await page.GotoAsync("/Account/Login");
        report.AddRange(await CheckAsync(session, "login"));
        await session.SignInAsync();
        report.AddRange(await CheckAsync(session, "overview"));
        await page.GotoAsync("/Admin/Clients");
        report.AddRange(await CheckAsync(session, "clients"));
        await page.GotoAsync("/Admin/Clients/Edit");
        report.AddRange(await CheckAsync(session, "add-client"));

        Assert.True(report.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', report));
    }

    private static async Task<IEnumerable<string>> CheckAsync(BrowserSession session, string name)
    {
        await session.ScreenshotAsync(name);
        await session.Page.AddScriptTagAsync(new() { Path = Repository.AxeScript });
        var violations = JsonSerializer.Deserialize<Violation[]>(await session.Page.EvaluateAsync<string>(RunAxe), JsonSerializerOptions.Web)!;
        return violations.Select(v => $"{name} {session.Page.Url}: [{v.Impact}] {v.Id} — {v.Help}\n    " + string.Join("\n    ", v.Nodes));
    }

    private sealed record Violation(string Id, string Impact, string Help, string[] Nodes);
}
