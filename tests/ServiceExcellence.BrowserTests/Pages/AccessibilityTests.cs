using ServiceExcellence.BrowserTests.Support;

namespace ServiceExcellence.BrowserTests.Pages;

/// <summary>axe-core's automated WCAG checks on the pages a newcomer sees first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    [Fact]
    public async Task Pages_have_no_serious_accessibility_violations()
    {
        Axe.AssertInstalled();
        // The app's content security policy forbids inline scripts, which is how axe gets into the page.
        await using var session = await browser.OpenAsync(new() { BypassCSP = true });
        var page = session.Page;
        var report = new List<string>();

        await page.GotoAsync("/Account/Login");
        report.AddRange(await Axe.CheckAsync(session, "login"));
        await session.SignInAsync();
        report.AddRange(await Axe.CheckAsync(session, "overview"));
        await page.GotoAsync("/Admin/Clients");
        report.AddRange(await Axe.CheckAsync(session, "clients"));
        await page.GotoAsync("/Admin/Clients/Edit");
        report.AddRange(await Axe.CheckAsync(session, "add-client"));

        Assert.True(report.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', report));
    }
}
