using Microsoft.Playwright;
using ServiceExcellence.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class PrivacyTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_opens_a_contacts_privacy_page_from_the_client()
    {
        Axe.AssertInstalled();
        await using var session = await browser.OpenAsync(new() { BypassCSP = true });
        var page = session.Page;
        await session.SignInAsync();

        await page.GotoAsync("/Admin/Clients");
        await page.GetByRole(AriaRole.Table).Locator("tbody tr a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Privacy" }).First.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Admin/Clients/Privacy/"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Export JSON" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Erase this contact" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("privacy");
        var violations = (await Axe.CheckAsync(session, "privacy")).ToList();
        Assert.True(violations.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', violations));
    }
}
