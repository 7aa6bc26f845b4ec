using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceExcellence.Application.Transactions;
using ServiceExcellence.BrowserTests.Support;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Infrastructure.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

/// <summary>The president's guarantee desk: a phone call logged with the keyboard alone, and the desk's accessibility.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GuaranteeDeskTests(BrowserFixture browser)
{
    private const string President = "president@example.com";

    [Fact]
    public async Task The_president_logs_a_phone_call_with_the_keyboard_alone_and_sees_it_on_the_desk()
    {
        await using var session = await browser.OpenAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, ReducedMotion = ReducedMotion.Reduce });
        var page = session.Page;
        var caller = await NewCallerAsync(browser.Services, "Kim Keyboard");

        // Sign in: the email field has the focus.
        await page.GotoAsync("/Account/Login");
        await page.Keyboard.TypeAsync(President);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(BrowserSession.DemoPassword);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good to see you");

        // The desk from the main navigation, then its "Log a call".
        await TabUntilAsync(page, "Guarantee desk", maxPresses: 12);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Guarantee desk");
        await TabUntilAsync(page, "Log a call", maxPresses: 12);
        await page.Keyboard.PressAsync("Enter");

        // The search field has the focus: a few letters, ↓ to the first match, Enter.
        var search = page.GetByLabel("Who is calling?");
        await Expect(search).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("kim keyb");
        var matches = page.GetByRole(AriaRole.List, new() { Name = "Matching contacts" }).GetByRole(AriaRole.Link);
        await Expect(matches).ToHaveCountAsync(1);
        await Expect(matches).ToContainTextAsync($"Kim Keyboard · {caller.Client}");
        await session.ScreenshotAsync("search");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(matches).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        // The client's most recent transaction has the focus; Space chooses it. ↓ and ↑ move through the others.
        await Expect(page.Locator("#caller")).ToContainTextAsync("Kim Keyboard");
        var transactions = page.GetByRole(AriaRole.Group, new() { Name = "What is the call about?" }).GetByRole(AriaRole.Radio);
        await Expect(transactions.First).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(transactions.Nth(1)).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Invoiced amount")).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(transactions.First).ToBeCheckedAsync();
        Assert.Equal(caller.TransactionId.ToString(), await transactions.First.GetAttributeAsync("value"));

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("The client wants to pay")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("120");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Why?")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Phoned: the engineer left without finishing.");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Channel")).ToBeFocusedAsync();
        await Expect(page.GetByLabel("Channel")).ToHaveValueAsync("PhoneCall");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log the call" })).ToBeFocusedAsync();
        await session.ScreenshotAsync("call");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/Guarantees$"));
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Call logged");
        var row = page.Locator("#open-invocations tbody tr").Filter(new() { HasText = caller.Client }).Filter(new() { HasText = "Kim Keyboard" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Phone call");
        await Expect(row).ToContainTextAsync("120.00 EUR");
        await session.ScreenshotAsync("desk");

        var invocation = await InvocationOfAsync(browser.Services, caller.TransactionId);
        Assert.NotNull(invocation);
        Assert.Equal((GuaranteeChannel.PhoneCall, GuaranteeStatus.Open, 120m, 360m), (invocation.Channel, invocation.Status, invocation.ChosenAmount, invocation.InvoicedAmount));
    }

    [Fact]
    public async Task The_desk_the_call_log_and_the_customer_guarantee_page_have_no_serious_accessibility_violations()
    {
        Axe.AssertInstalled();
        // The app's content security policy forbids inline scripts, which is how axe gets into the page.
        await using var session = await browser.OpenAsync(new() { BypassCSP = true, ReducedMotion = ReducedMotion.Reduce });
        var page = session.Page;
        var link = await SurveyLinks.NewAsync(browser.Services);
        var report = new List<string>();

        await page.GotoAsync($"/g/{link.Token}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Our guarantee");
        report.AddRange(await Axe.CheckAsync(session, "customer-form"));
        await page.GetByLabel("What was it worth to you?").FillAsync("-5");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invoke the guarantee" }).ClickAsync();
        await Expect(page.Locator("#amount-error")).ToHaveTextAsync("The amount cannot be negative.");
        await Expect(page.Locator("#errors")).ToBeFocusedAsync();
        report.AddRange(await Axe.CheckAsync(session, "customer-errors"));
        await page.GotoAsync($"/g/{link.Token}?lang=de");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        report.AddRange(await Axe.CheckAsync(session, "customer-form-de"));
        await page.GetByLabel("Was war sie Ihnen wert?").FillAsync("100,50");
        await page.GetByLabel("Warum? Was ist schiefgelaufen?").FillAsync("Der Techniker kam einen Tag zu spät.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Garantie in Anspruch nehmen" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/g/{Regex.Escape(link.Token)}/sent"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wir haben Ihre Anfrage erhalten");
        report.AddRange(await Axe.CheckAsync(session, "customer-sent-de"));
        await page.GotoAsync($"/r/{link.Token}");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Not satisfied? Invoke our guarantee" })).ToBeVisibleAsync();

        await session.SignInAsync(President);
        await page.GotoAsync("/Guarantees");
        await Expect(page.Locator("#open-invocations tbody tr").First).ToBeVisibleAsync();
        report.AddRange(await Axe.CheckAsync(session, "desk"));
        await page.Locator("#open-invocations tbody tr a").First.ClickAsync();
        await Expect(page.Locator("#settle-form")).ToBeVisibleAsync();
        report.AddRange(await Axe.CheckAsync(session, "details"));
        await page.GotoAsync("/Guarantees/Log?q=northwind");
        await Expect(page.Locator("#callers a").First).ToBeVisibleAsync();
        report.AddRange(await Axe.CheckAsync(session, "log-search"));
        await page.Locator("#callers a").First.ClickAsync();
        await Expect(page.Locator("#log-form")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Log the call" }).ClickAsync();
        await Expect(page.Locator("#transaction-error")).ToContainTextAsync("Choose the transaction");
        report.AddRange(await Axe.CheckAsync(session, "log-call-errors"));

        Assert.True(report.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', report));
    }

    private sealed record Caller(string Client, Guid TransactionId);

    /// <summary>A new contact of a demo client, who nothing else in the suite touches, and a transaction done for them just now (360 EUR).</summary>
    private static async Task<Caller> NewCallerAsync(IServiceProvider services, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var client = await db.Clients.Include(c => c.Contacts).OrderByDescending(c => c.Name).FirstAsync();
        var contact = client.AddContact(name, $"kim-{Guid.NewGuid():N}@example.com", "en");
        await db.SaveChangesAsync();
        var recorded = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RecordTransaction.Command
        {
            ClientId = client.Id,
            ContactId = contact.Id,
            ServiceLineId = await db.ServiceLines.OrderBy(s => s.Code).Select(s => s.Id).FirstAsync(),
            OccurredAt = now.UtcDateTime.AddMinutes(-10),
            InvoicedAmount = 360m,
            Currency = "EUR",
        });
        return new Caller(client.Name, recorded.Id);
    }

    private static async Task<GuaranteeInvocation?> InvocationOfAsync(IServiceProvider services, Guid transactionId)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().GuaranteeInvocations.AsNoTracking()
            .SingleOrDefaultAsync(g => g.TransactionId == transactionId);
    }

    /// <summary>Presses Tab until the focused element's text is <paramref name="text"/>.</summary>
    private static async Task TabUntilAsync(IPage page, string text, int maxPresses)
    {
        var focused = new List<string>();
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var current = await page.EvaluateAsync<string>("() => (document.activeElement?.textContent ?? '').trim()");
            focused.Add(current);
            if (current == text)
            {
                return;
            }
        }

        Assert.Fail($"{maxPresses} presses of Tab did not reach “{text}”; focus went through {string.Join(" | ", focused)}.");
    }
}
