using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceExcellence.BrowserTests.Support;
using ServiceExcellence.Infrastructure.Persistence;
using static Microsoft.Playwright.Assertions;

namespace ServiceExcellence.BrowserTests.Pages;

/// <summary>The alert queues and one alert's page, as a manager and a field technician work them (product.md step 6, "Recover").</summary>
[Collection(BrowserCollection.Name)]
public sealed class AlertPagesTests(BrowserFixture browser)
{
    private const string Manager = "manager@example.com";
    private const string ManagerName = "Morgan Manager";
    private const string FieldTechnician = "field.tech@example.com";
    private const string FieldService = "Field Service";

    [Fact]
    public async Task A_manager_works_an_alert_from_the_queue()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.SignInAsync(Manager);

        var alertsLink = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Alerts") });
        await Expect(alertsLink.Locator("#alert-count")).ToHaveTextAsync(new Regex(@"^\d+ open alerts"));
        await alertsLink.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Alerts$"));

        // The first team queue: the manager leads Client Team North, the first team in alphabetical order.
        var teamTab = Queues(page).GetByRole(AriaRole.Link).Filter(new() { HasText = "Client Team North" });
        await teamTab.ClickAsync();
        await Expect(teamTab).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Client Team North");
        var rows = page.Locator("#alerts tbody tr");
        await Expect(rows.First).ToBeVisibleAsync();
        await session.ScreenshotAsync("queue");

        // The new ones, which nobody has acknowledged yet (the seed has some in every team's queue).
        await page.GetByLabel("Status").SelectOptionAsync("New");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("status=New"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Client Team North");
        await Expect(rows.First).ToBeVisibleAsync();

        var first = rows.First.GetByRole(AriaRole.Link).First;
        var title = await first.InnerTextAsync();
        await first.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);

        var status = page.Locator("#alert-status");
        var acknowledge = page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" });
        var take = page.GetByRole(AriaRole.Button, new() { Name = "Take it" });
        var wasNew = await status.InnerTextAsync() == "New";
        var wasUnassigned = await page.Locator("#assignee").InnerTextAsync() == "nobody";
        if (wasNew)
        {
            await acknowledge.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Acknowledged.");
            await Expect(status).ToHaveTextAsync("Acknowledged");
        }
        else if (await take.IsVisibleAsync())
        {
            await take.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The alert is yours.");
        }

        if (wasUnassigned)
        {
            await Expect(page.Locator("#assignee")).ToHaveTextAsync(ManagerName);
        }

        const string action = "Phoned the contact from the queue test and booked a free return visit.";
        const string reaction = "Glad someone called the same day.";
        var recovery = page.Locator("#recovery-form");
        await recovery.GetByLabel("Action taken").FillAsync(action);
        await recovery.GetByLabel("How the client reacted").FillAsync(reaction);
        await recovery.GetByRole(AriaRole.Button, new() { Name = "Save recovery" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Recovery recorded.");
        await Expect(status).ToHaveTextAsync("Recovering");
        await Expect(recovery.GetByLabel("Action taken")).ToHaveValueAsync(action);

        var trail = page.Locator("details").Filter(new() { Has = page.Locator("#audit") });
        await trail.Locator("summary").ClickAsync();
        var entries = trail.Locator("#audit li");
        await Expect(entries.First).ToBeVisibleAsync();
        await Expect(Entry(entries, "Recovery action")).ToContainTextAsync(ManagerName);
        await Expect(Entry(entries, "Recovery action")).ToContainTextAsync(action);
        await Expect(Entry(entries, "Client reaction")).ToContainTextAsync(ManagerName);
        await Expect(Entry(entries, "Client reaction")).ToContainTextAsync(reaction);
        if (wasNew)
        {
            await Expect(Entry(entries, "Status: New → Acknowledged")).ToContainTextAsync(ManagerName);
            await Expect(Entry(entries, "Status: Acknowledged → Recovering")).ToContainTextAsync(ManagerName);
        }

        await session.ScreenshotAsync("alert");
    }

    [Fact]
    public async Task The_queue_and_alert_pages_fit_a_phone()
    {
        await using var session = await browser.OpenAsync(new()
        {
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            ReducedMotion = ReducedMotion.Reduce,
        });
        var page = session.Page;
        await session.SignInAsync(Manager);

        await page.GotoAsync("/Alerts");
        await Expect(page.Locator("#alerts tbody tr").First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "queue");
        await session.ScreenshotAsync("queue");

        await page.Locator("#alerts tbody tr").First.GetByRole(AriaRole.Link).First.TapAsync();
        await Expect(page.Locator("#recovery-form")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "alert");
        await session.ScreenshotAsync("alert");
    }

    [Fact]
    public async Task Alert_pages_have_no_serious_accessibility_violations()
    {
        Axe.AssertInstalled();
        // The app's content security policy forbids inline scripts, which is how axe gets into the page.
        await using var session = await browser.OpenAsync(new() { BypassCSP = true });
        var page = session.Page;
        var report = new List<string>();
        await session.SignInAsync(Manager);

        await page.GotoAsync("/Alerts?scope=Mine");
        report.AddRange(await Axe.CheckAsync(session, "queue-mine"));
        await Queues(page).GetByRole(AriaRole.Link).Filter(new() { HasText = "Client Team North" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Client Team North");
        report.AddRange(await Axe.CheckAsync(session, "queue-team"));
        await Queues(page).GetByRole(AriaRole.Link, new() { Name = "All I can see" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("All alerts");
        report.AddRange(await Axe.CheckAsync(session, "queue-all"));

        await page.Locator("#alerts tbody tr").First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Expect(page.Locator("#recovery-form")).ToBeVisibleAsync();
        await page.Locator("details summary").Filter(new() { HasText = "Audit trail" }).ClickAsync();
        report.AddRange(await Axe.CheckAsync(session, "alert"));

        await page.GotoAsync("/Initiatives");
        report.AddRange(await Axe.CheckAsync(session, "initiatives"));

        await using var admin = await browser.OpenAsync(new() { BypassCSP = true });
        await admin.SignInAsync();
        await admin.Page.GotoAsync("/Admin/AlertRules");
        report.AddRange(await Axe.CheckAsync(admin, "alert-rules"));
        await admin.Page.Locator("table a").First.ClickAsync();
        await Expect(admin.Page).ToHaveURLAsync(new Regex("/Admin/AlertRules/Edit/"));
        report.AddRange(await Axe.CheckAsync(admin, "alert-rule-edit"));
        await admin.Page.GotoAsync("/Admin/RoutingRules");
        report.AddRange(await Axe.CheckAsync(admin, "routing-rules-none"));

        // The demo has no routing rules: a fallback rule (it only catches alerts no team would get) fills the table.
        await admin.Page.GetByRole(AriaRole.Link, new() { Name = "Add a fallback rule" }).ClickAsync();
        await admin.Page.GetByLabel("Send to").SelectOptionAsync(new SelectOptionValue { Label = "Service Excellence Council" });
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();
        await admin.Page.GotoAsync("/Admin/RoutingRules");
        var delete = admin.Page.Locator("table summary").First;
        await delete.ClickAsync();
        await Expect(admin.Page.GetByRole(AriaRole.Button, new() { Name = "Delete rule" })).ToBeVisibleAsync();
        report.AddRange(await Axe.CheckAsync(admin, "routing-rules"));

        Assert.True(report.Count == 0, "Serious accessibility violations:\n" + string.Join('\n', report));
    }

    [Fact]
    public async Task A_field_technician_does_not_see_client_team_alerts()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.SignInAsync(FieldTechnician);

        await page.GotoAsync("/Alerts");
        await Expect(Queues(page).GetByRole(AriaRole.Link)).ToHaveTextAsync([new Regex("^My alerts"), new Regex($"^{FieldService}"), new Regex("^All I can see")]);
        await Queues(page).GetByRole(AriaRole.Link, new() { Name = "All I can see" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("All alerts");
        await session.ScreenshotAsync("queue");
        await AssertEveryRowIsRoutedToFieldServiceAsync(page);

        // Resolved and closed ones too.
        await page.GetByLabel("Status").SelectOptionAsync("Any");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("status=Any"));
        await AssertEveryRowIsRoutedToFieldServiceAsync(page);

        var (id, title) = await AlertNotRoutedToAsync(FieldService);
        var response = await page.GotoAsync($"/Alerts/Details/{id}");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync(title);
        await session.ScreenshotAsync("not-found");
    }

    private static ILocator Queues(IPage page) => page.GetByRole(AriaRole.List, new() { Name = "Queues" });

    /// <summary>The audit trail's line for a change, e.g. "Recovery action" or "Status: New → Acknowledged".</summary>
    private static ILocator Entry(ILocator entries, string change) => entries.Filter(new() { HasText = change }).Last;

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string name)
    {
        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var viewportWidth = await page.EvaluateAsync<int>("window.innerWidth");
        Assert.True(scrollWidth <= viewportWidth, $"The {name} page scrolls sideways on a phone: {scrollWidth}px wide in a {viewportWidth}px viewport.");
    }

    private static async Task AssertEveryRowIsRoutedToFieldServiceAsync(IPage page)
    {
        // The Teams column, found by its header so a new column does not break the test.
        var headers = await page.Locator("#alerts thead th").AllInnerTextsAsync();
        var teamsColumn = headers.ToList().IndexOf("Teams") + 1;
        Assert.True(teamsColumn > 0, $"No Teams column in {string.Join(", ", headers)}.");
        var teams = await page.Locator($"#alerts tbody tr td:nth-child({teamsColumn})").AllInnerTextsAsync();
        Assert.NotEmpty(teams);
        Assert.All(teams, cell => Assert.Contains(FieldService, cell, StringComparison.Ordinal));
    }

    /// <summary>An alert of the demo company that is not routed to the team, read straight from the app's database.</summary>
    private async Task<(Guid Id, string Title)> AlertNotRoutedToAsync(string team)
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var teamId = await db.Teams.Where(t => t.Name == team).Select(t => t.Id).SingleAsync(TestContext.Current.CancellationToken);
        var alert = await db.Alerts.AsNoTracking()
            .Where(a => !db.AlertRoutes.Any(r => r.AlertId == a.Id && r.TeamId == teamId))
            .OrderBy(a => a.Title)
            .Select(a => new { a.Id, a.Title })
            .FirstAsync(TestContext.Current.CancellationToken);
        return (alert.Id, alert.Title);
    }
}
