using Microsoft.Playwright;
using ServiceExcellence.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_newcomer_signs_in_with_a_demo_account_and_sees_the_overview()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;

        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await session.ScreenshotAsync("login");
        await page.GetByLabel("Email").FillAsync(BrowserSession.Administrator);
        await page.GetByLabel("Password").FillAsync(BrowserSession.DemoPassword);
        await page.GetByLabel("Password").PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Uri(browser.BaseAddress, "/").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Good to see you, Alex Admin");
        await session.ScreenshotAsync("overview");
    }
}
