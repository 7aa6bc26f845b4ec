using Microsoft.Playwright;
using ServiceExcellence.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

/// <summary>An administrator registers a webhook endpoint, keeps its secret and queues a test event (nothing leaves the machine: the dispatcher is off).</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhookPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_registers_an_endpoint_and_sends_it_a_test_event()
    {
        Axe.AssertInstalled();
        await using var session = await browser.OpenAsync(new() { BypassCSP = true });
        var page = session.Page;
        var report = new List<string>();
        await session.SignInAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Administration" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Webhooks");
        report.AddRange(await Axe.CheckAsync(session, "webhooks"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an endpoint" }).First.ClickAsync();

        await page.GetByLabel("Name").FillAsync("Browser CRM");
        await page.GetByLabel("Address (URL)").FillAsync("https://93.184.215.14/hooks/service-excellence");
        await page.GetByLabel("alert.resolved").CheckAsync();
        report.AddRange(await Axe.CheckAsync(session, "add-webhook"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();

        var secret = page.GetByLabel("Signing secret");
        await Expect(secret).ToHaveValueAsync(new Regex("^whsec_[0-9a-f]{64}$"));
        var firstSecret = await secret.InputValueAsync();
        await session.ScreenshotAsync("webhook-secret");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("I have stored it") }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Browser CRM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("A test event is queued");
        var row = page.Locator("#deliveries tbody tr").First;
        await Expect(row).ToContainTextAsync("webhook.test");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Pending");
        report.AddRange(await Axe.CheckAsync(session, "webhook-log"));
        await session.ScreenshotAsync("webhook-log");

        await page.GetByText("Rotate secret…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate now" }).ClickAsync();
        await Expect(page.GetByLabel("Signing secret")).ToHaveValueAsync(new Regex("^whsec_[0-9a-f]{64}$"));
        Assert.NotEqual(firstSecret, await page.GetByLabel("Signing secret").InputValueAsync());
        await session.ScreenshotAsync("webhook-rotated");

        Assert.True(report.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', report));
    }
}
