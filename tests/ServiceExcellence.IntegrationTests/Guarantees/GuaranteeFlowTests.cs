using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.People;
using ServiceExcellence.IntegrationTests.Alerts;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Guarantees;

/// <summary>The loop's step 7 end to end: the survey email's guarantee link → the customer's claim → the president and the teams hear at once.</summary>
public sealed class GuaranteeFlowTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private readonly SmtpServer _smtp = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        SmtpServer.SkipIfUnavailable();
        await _smtp.StartAsync();
        _app.Settings["Email:Smtp:Port"] = _smtp.SmtpPort.ToString();
        _data = await TestData.SeedAsync(_app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_customer_invokes_the_guarantee_from_the_survey_email_and_the_president_and_both_teams_hear_at_once()
    {
        var president = await _app.CreatePersonAsync(StaffRole.President);
        var accountRep = await RatingKit.MemberOfAsync(_app, _data.ClientTeam);
        var engineer = await RatingKit.MemberOfAsync(_app, _data.Operations);
        using var staff = await _app.SignInAsync(StaffRole.TeamMember);
        var recorded = await staff.PostFormAsync("/Transactions/Create", new()
        {
            ["Input.ClientId"] = _data.Northwind.Id.ToString(),
            ["Input.ContactId"] = _data.Anna.Id.ToString(),
            ["Input.ServiceLineId"] = _data.Repair.Id.ToString(),
            ["Input.OccurredAt"] = "2026-06-15T08:00",
            ["Input.InvoicedAmount"] = "480",
            ["Input.Currency"] = "EUR",
            ["Input.ExternalReference"] = "WO-1001",
        });
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal(1, await _app.ProcessOutboxAsync());
        var survey = Assert.Single(await _smtp.WaitForAsync(1));
        var link = GuaranteeKit.GuaranteeLink(survey);
        Assert.Contains("Invoke our guarantee", survey.Html, StringComparison.Ordinal);

        using var customer = _app.NewSession();
        var page = await customer.GetPageAsync(link);
        Assert.Equal("480.00 EUR", page.QuerySelector("#invoiced")!.TextContent);
        var posted = await customer.PostFormAsync(link, new() { ["Input.ChosenAmount"] = "300", ["Input.Reason"] = "The engineer came a day late and left a mess." }, "#guarantee-form");

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(link + "/sent", posted.Headers.Location!.OriginalString);
        var confirmation = await customer.GetPageAsync(posted.Headers.Location!.OriginalString);
        Assert.Equal("We have received your request", confirmation.QuerySelector("h1")!.TextContent);
        Assert.Contains("300.00 EUR of the 480.00 EUR invoiced", confirmation.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var invocation = await _app.QueryAsync(db => db.GuaranteeInvocations.SingleAsync());
        Assert.Equal((GuaranteeChannel.SurveyLink, GuaranteeStatus.Open, 480m, 300m, "EUR"), (invocation.Channel, invocation.Status, invocation.InvoicedAmount, invocation.ChosenAmount, invocation.Currency));
        Assert.Equal(_data.Anna.Id, invocation.ContactId);
        Assert.Equal(_data.Northwind.Id, invocation.ClientId);
        Assert.NotNull(invocation.TransactionId);
        Assert.Null(invocation.LoggedById);

        var alert = await _app.QueryAsync(db => db.Alerts.Include(a => a.Routes).Include(a => a.Triggers).SingleAsync());
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        Assert.Equal("Northwind Traders: guarantee invoked (pays 300.00 of 480.00 EUR)", alert.Title);
        Assert.Equal(2_500_000m * 0.5m, alert.RevenueAtRisk);
        Assert.Equal(AlertRaiser.GuaranteeSubject(invocation.Id), alert.SubjectKey);
        Assert.Equal(invocation.TransactionId, alert.TransactionId);
        Assert.Equal(_data.Repair.Id, alert.ServiceLineId);
        Assert.Equal(new HashSet<Guid> { _data.ClientTeam.Id, _data.Operations.Id }, alert.Routes.Select(r => r.TeamId).ToHashSet());
        Assert.Equal("Guarantee invoked", Assert.Single(alert.Triggers).RuleName);

        while (await _app.ProcessOutboxAsync() > 0)
        {
        }

        var received = await _smtp.WaitForAsync(5);
        var toPresident = Assert.Single(received, e => e.To.Single().Address == president.Email);
        Assert.Equal("Guarantee invoked: Northwind Traders would pay 300.00 of 480.00 EUR", toPresident.Subject);
        Assert.Contains($"https://localhost/Guarantees/Details/{invocation.Id}", toPresident.Text, StringComparison.Ordinal);
        Assert.Contains("The engineer came a day late and left a mess.", toPresident.Text, StringComparison.Ordinal);
        Assert.Equal("guarantee-invoked", toPresident.Header("X-ServiceExcellence-Kind"));
        var toCustomer = Assert.Single(received, e => e.To.Single().Address == "anna@northwind.example" && e.Header("X-ServiceExcellence-Kind") == "guarantee-confirmation");
        Assert.StartsWith("We received your guarantee request: Field repair on", toCustomer.Subject, StringComparison.Ordinal);
        Assert.Contains("300.00 EUR of the 480.00 EUR invoiced", toCustomer.Text, StringComparison.Ordinal);
        var alerted = received.Where(e => e.Subject.StartsWith("[Critical] Northwind Traders: guarantee invoked", StringComparison.Ordinal)).Select(e => e.To.Single().Address).ToHashSet();
        Assert.Equal(new HashSet<string> { accountRep.Email, engineer.Email }, alerted);
        Assert.Contains("Revenue at risk: 1,250,000", received.First(e => e.Subject.StartsWith("[Critical]", StringComparison.Ordinal)).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_German_customer_gets_the_page_its_messages_and_the_confirmation_in_German_while_staff_get_English()
    {
        await _app.CreatePersonAsync(StaffRole.President);
        var team = await RatingKit.MemberOfAsync(_app, _data.ClientTeam);
        Guid greta = default;
        await _app.ExecuteAsync(async db =>
        {
            var client = await db.Clients.Include(c => c.Contacts).SingleAsync(c => c.Id == _data.Northwind.Id);
            greta = client.AddContact("Greta Fischer", "greta@northwind.example", "de").Id;
        });
        var (_, token) = await GuaranteeKit.LinkAsync(_app, _data, "WO-DE", greta);
        using var customer = _app.NewSession();

        var page = await customer.GetPageAsync($"/g/{token}");
        var refused = await StaffSession.ParseAsync(await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = "500", ["Input.Reason"] = "" }, "#guarantee-form"));
        var posted = await customer.PostFormAsync($"/g/{token}", new() { ["Input.ChosenAmount"] = "120,50", ["Input.Reason"] = "Zu spät gekommen." }, "#guarantee-form");

        Assert.Equal("de", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("480,00 EUR", page.QuerySelector("#invoiced")!.TextContent);
        Assert.Equal("Der Betrag darf die berechneten 480,00 EUR nicht übersteigen.", StaffSession.FieldError(refused, "Input.ChosenAmount"));
        Assert.Equal("Bitte sagen Sie uns, warum.", StaffSession.FieldError(refused, "Input.Reason"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(120.50m, await _app.QueryAsync(db => db.GuaranteeInvocations.Select(g => g.ChosenAmount).SingleAsync()));

        while (await _app.ProcessOutboxAsync() > 0)
        {
        }

        var received = await _smtp.WaitForAsync(4);
        var confirmation = Assert.Single(received, e => e.Header("X-ServiceExcellence-Kind") == "guarantee-confirmation");
        Assert.Equal("greta@northwind.example", confirmation.To.Single().Address);
        Assert.StartsWith("Wir haben Ihre Garantieanfrage erhalten", confirmation.Subject, StringComparison.Ordinal);
        Assert.Contains("120,50 EUR der berechneten 480,00 EUR", confirmation.Text, StringComparison.Ordinal);
        var notice = Assert.Single(received, e => e.To.Single().Address == team.Email);
        Assert.Contains("Revenue at risk: 1,250,000", notice.Text, StringComparison.Ordinal);
        Assert.Contains("pays 120.50 of 480.00 EUR", notice.Subject, StringComparison.Ordinal);
    }
}
