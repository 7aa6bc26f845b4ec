using Microsoft.Playwright;
using ServiceExcellence.BrowserTests.Support;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class ClientsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_administrator_adds_a_client_through_the_form()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.SignInAsync();

        await page.GotoAsync("/Admin/Clients");
        await session.ScreenshotAsync("clients");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a client" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Add a client");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Tailwind Toys");
        await page.GetByLabel("External id").FillAsync("CRM-9001");
        await page.GetByLabel("Segment").FillAsync("Small business");
        await page.GetByLabel("Annual revenue").FillAsync("125000");
        await page.GetByLabel("Client team").SelectOptionAsync(new SelectOptionValue { Label = "Client Team South" });
        await session.ScreenshotAsync("form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/Admin/Clients/Details/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tailwind Toys");
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Client Tailwind Toys added.");
        await Expect(page.GetByText("Client Team South")).ToBeVisibleAsync();
        await session.ScreenshotAsync("details");

        await page.GotoAsync("/Admin/Clients");
        await page.GetByLabel("Search clients").FillAsync("Tailwind");
        await page.GetByLabel("Search clients").PressAsync("Enter");
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows).ToContainTextAsync("Tailwind Toys");
        await Expect(rows).ToContainTextAsync("CRM-9001");
        await session.ScreenshotAsync("search");
    }

    [Fact]
    public async Task A_form_with_errors_shows_messages_next_to_the_fields()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.SignInAsync();

        await page.GotoAsync("/Admin/Clients/Edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();

        var nameField = page.Locator(".mb-3").Filter(new() { Has = page.GetByLabel("Name", new() { Exact = true }) });
        await Expect(nameField.GetByText("Enter the client's name.")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Name", new() { Exact = true })).ToBeVisibleAsync();
        await session.ScreenshotAsync("errors");
    }
}
