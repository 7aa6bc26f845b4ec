using Microsoft.Playwright;
using ServiceExcellence.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class OverviewTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_overview_fits_a_phone_screen()
    {
        await using var session = await browser.OpenAsync(new() { ViewportSize = new() { Width = 390, Height = 844 } });
        var page = session.Page;

        await session.SignInAsync();

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var viewportWidth = await page.EvaluateAsync<int>("window.innerWidth");
        Assert.True(scrollWidth <= viewportWidth, $"The overview scrolls sideways on a phone: {scrollWidth}px wide in a {viewportWidth}px viewport.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" })).ToBeVisibleAsync();
        await session.ScreenshotAsync("overview");
    }
}
