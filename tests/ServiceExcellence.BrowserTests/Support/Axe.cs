using System.Text.Json;

namespace ServiceExcellence.BrowserTests.Support;

/// <summary>
/// axe-core's automated WCAG checks on the page a session shows. The browser context must be opened with
/// <c>BypassCSP = true</c>: the app's content security policy forbids inline scripts, which is how axe gets in.
/// </summary>
public static class Axe
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

    /// <summary>Fails when axe-core has not been installed next to the test binaries.</summary>
    public static void AssertInstalled() =>
        Assert.True(File.Exists(Repository.AxeScript), $"axe-core is missing at {Repository.AxeScript}: run `npm ci` in tests/ServiceExcellence.BrowserTests and build again.");

    /// <summary>Screenshots the page as <paramref name="name"/> and returns its serious and critical violations, one line each.</summary>
    public static async Task<IEnumerable<string>> CheckAsync(BrowserSession session, string name)
    {
        await session.ScreenshotAsync(name);
        await session.Page.AddScriptTagAsync(new() { Path = Repository.AxeScript });
        var violations = JsonSerializer.Deserialize<Violation[]>(await session.Page.EvaluateAsync<string>(RunAxe), JsonSerializerOptions.Web)!;
        return violations.Select(v => $"{name} {session.Page.Url}: [{v.Impact}] {v.Id} — {v.Help}\n    " + string.Join("\n    ", v.Nodes));
    }

    private sealed record Violation(string Id, string Impact, string Help, string[] Nodes);
}
