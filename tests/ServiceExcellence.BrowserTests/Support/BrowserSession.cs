using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Support;

/// <summary>One test's browser context and page, closed when the test ends.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    /// <summary>Every demo account (see DemoSeeder) signs in with this password.</summary>
    public const string DemoPassword = "Demo-Excellence-2026";

    public const string Administrator = "admin@example.com";

    public IPage Page { get; } = page;

    /// <summary>Signs in through the login page as a newcomer would and waits for the overview.</summary>
    public async Task SignInAsync(string email = Administrator)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(DemoPassword);
        await Page.GetByLabel("Password").PressAsync("Enter");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good to see you");
    }

    /// <summary>Saves a full-page screenshot to TestResults/screenshots/&lt;test&gt;-&lt;name&gt;.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var test = TestContext.Current.TestMethod?.MethodName ?? "test";
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Repository.Screenshots, $"{test}-{name}.png"), FullPage = true });
    }

    public ValueTask DisposeAsync() => new(context.CloseAsync());
}
