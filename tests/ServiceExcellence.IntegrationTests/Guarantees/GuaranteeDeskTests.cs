using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Guarantees;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Guarantees;

/// <summary>The president's guarantee desk: who reaches it, logging a call, settling, and the figures.</summary>
public sealed class GuaranteeDeskTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Surveys:ThrottleDays"] = "0";
        _data = await TestData.SeedAsync(_app);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(StaffRole.TeamMember)]
    [InlineData(StaffRole.Manager)]
    public async Task Team_members_and_managers_are_turned_away_from_every_desk_page(StaffRole role)
    {
        var id = await GuaranteeKit.InvokeAsync(_app, _data, "WO-1", 100);
        using var session = await _app.SignInAsync(role);

        foreach (var url in new[] { "/Guarantees", $"/Guarantees/Details/{id}", $"/Guarantees/Client/{_data.Northwind.Id}", "/Guarantees/Log", "/Guarantees/Log?handler=Search&q=nor" })
        {
            var response = await session.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        var home = await session.GetPageAsync("/");
        Assert.DoesNotContain(home.QuerySelectorAll("nav a"), a => a.TextContent == "Guarantee desk");
    }

    [Fact]
    public async Task The_president_works_the_desk_and_an_administrator_reads_it_without_buttons()
    {
        var id = await GuaranteeKit.InvokeAsync(_app, _data, "WO-1", 100);
        using var president = await _app.SignInAsync(StaffRole.President);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);

        var presidentDesk = await president.GetPageAsync("/Guarantees");
        var adminDesk = await admin.GetPageAsync("/Guarantees");
        var adminDetails = await admin.GetPageAsync($"/Guarantees/Details/{id}");
        var adminLog = await admin.Client.GetAsync("/Guarantees/Log");

        Assert.Contains(presidentDesk.QuerySelectorAll("nav a"), a => a.TextContent == "Guarantee desk");
        Assert.NotNull(presidentDesk.QuerySelector("a[href='/Guarantees/Log']"));
        Assert.Single(presidentDesk.QuerySelectorAll("#open-invocations tbody tr"));
        Assert.Contains(adminDesk.QuerySelectorAll("nav a"), a => a.TextContent == "Guarantee desk");
        Assert.Single(adminDesk.QuerySelectorAll("#open-invocations tbody tr"));
        Assert.Null(adminDesk.QuerySelector("a[href='/Guarantees/Log']"));
        Assert.NotNull(adminDesk.QuerySelector("#read-only"));
        Assert.Empty(adminDetails.QuerySelectorAll("main form"));
        Assert.Empty(adminDetails.QuerySelectorAll("main button"));
        Assert.Equal(HttpStatusCode.Redirect, adminLog.StatusCode);
    }

    [Fact]
    public async Task An_administrators_settle_post_is_refused_with_403_and_changes_nothing()
    {
        var id = await GuaranteeKit.InvokeAsync(_app, _data, "WO-1", 100);
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        var page = await admin.GetPageAsync($"/Guarantees/Details/{id}");
        var before = await _app.QueryAsync(db => db.GuaranteeInvocations.AsNoTracking().SingleAsync());
        var form = new Dictionary<string, string>
        {
            ["Version"] = before.Version.ToString(),
            ["Settle.AgreedAmount"] = "0",
            ["Settle.CreditIssued"] = "true",
            ["Annotate.Notes"] = "Trying anyway.",
            ["__RequestVerificationToken"] = page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
        };

        foreach (var handler in new[] { "Settle", "Withdraw", "Annotate" })
        {
            var response = await admin.Client.PostAsync($"/Guarantees/Details/{id}?handler={handler}", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        var after = await _app.QueryAsync(db => db.GuaranteeInvocations.AsNoTracking().Include(g => g.Audit).SingleAsync());
        Assert.Equal((GuaranteeStatus.Open, (decimal?)null, (string?)null, before.Version), (after.Status, after.AgreedAmount, after.PresidentNotes, after.Version));
        Assert.Single(after.Audit);
    }

    [Fact]
    public async Task The_president_logs_a_phone_call_through_the_page_and_it_raises_the_alert_and_tells_every_president()
    {
        var president = await _app.CreatePersonAsync(StaffRole.President);
        var otherPresident = await _app.CreatePersonAsync(StaffRole.President);
        var recorded = await Surveys.SurveyLinks.RecordAsync(_app, _data, "WO-77");
        using var session = _app.NewSession();
        await session.SignInAsync(president.Email, AppFactory.Password);

        var search = await session.GetPageAsync("/Guarantees/Log?q=north");
        var json = await session.Client.GetStringAsync("/Guarantees/Log?handler=Search&q=anna%40north");
        var call = await session.GetPageAsync($"/Guarantees/Log?contactId={_data.Anna.Id}");
        var posted = await session.PostFormAsync($"/Guarantees/Log?contactId={_data.Anna.Id}", new()
        {
            ["Transaction"] = recorded.Id.ToString(),
            ["Input.ChosenAmount"] = "240",
            ["Input.Reason"] = "Phoned: the repair did not hold a week.",
        }, "#log-form");

        Assert.Equal($"?contactId={_data.Anna.Id}", search.QuerySelector("#callers a")!.GetAttribute("href"));
        Assert.Contains("Anna Andersen", search.QuerySelector("#callers")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"\"contactId\":\"{_data.Anna.Id}\"", json, StringComparison.Ordinal);
        Assert.Contains("Field repair · 480.00 EUR", call.QuerySelector("label[for='transaction-0']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("PhoneCall", call.QuerySelector("#Input_Channel option[selected]")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/Guarantees", posted.Headers.Location!.OriginalString);

        var invocation = await _app.QueryAsync(db => db.GuaranteeInvocations.SingleAsync());
        Assert.Equal((GuaranteeChannel.PhoneCall, recorded.Id, _data.Anna.Id, 480m, 240m, president.Id),
            (invocation.Channel, invocation.TransactionId!.Value, invocation.ContactId!.Value, invocation.InvoicedAmount, invocation.ChosenAmount, invocation.LoggedById!.Value));
        Assert.Equal(AlertSeverity.Critical, await _app.QueryAsync(db => db.Alerts.Where(a => a.SubjectKey == $"guarantee:{invocation.Id}").Select(a => a.Severity).SingleAsync()));
        var told = await _app.QueryAsync(db => db.OutboxMessages.Where(m => m.Kind == "guarantee-invoked").Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(new HashSet<string> { president.Email, otherPresident.Email }, told.ToHashSet());
        var desk = await session.GetPageAsync("/Guarantees");
        Assert.Contains("Call logged", desk.QuerySelector("main .alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Phone call", desk.QuerySelector("#open-invocations tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_about_no_particular_transaction_takes_the_invoiced_amount_by_hand()
    {
        using var session = await _app.SignInAsync(StaffRole.President);
        var url = $"/Guarantees/Log?contactId={_data.Anna.Id}";

        var unchosen = await StaffSession.ParseAsync(await session.PostFormAsync(url, new() { ["Input.ChosenAmount"] = "10", ["Input.Reason"] = "Slow all month." }, "#log-form"));
        var missingAmount = await StaffSession.ParseAsync(await session.PostFormAsync(url, new() { ["Transaction"] = "none", ["Input.ChosenAmount"] = "10", ["Input.Reason"] = "Slow all month." }, "#log-form"));
        var tooMuch = await StaffSession.ParseAsync(await session.PostFormAsync(url, new() { ["Transaction"] = "none", ["Input.InvoicedAmount"] = "200", ["Input.Currency"] = "eur", ["Input.ChosenAmount"] = "200.01", ["Input.Reason"] = "Slow all month." }, "#log-form"));
        Assert.Equal(0, await _app.QueryAsync(db => db.GuaranteeInvocations.CountAsync()));
        var logged = await session.PostFormAsync(url, new()
        {
            ["Transaction"] = "none",
            ["Input.InvoicedAmount"] = "200",
            ["Input.Currency"] = "eur",
            ["Input.ChosenAmount"] = "50",
            ["Input.Reason"] = "Slow all month.",
            ["Input.Channel"] = "Email",
        }, "#log-form");

        Assert.Equal("Choose the transaction the call is about, or “No particular transaction”.", StaffSession.FieldError(unchosen, "Input.TransactionId"));
        Assert.Equal("Enter what was invoiced.", StaffSession.FieldError(missingAmount, "Input.InvoicedAmount"));
        Assert.Equal("The amount cannot be more than the 200.00 EUR invoiced.", StaffSession.FieldError(tooMuch, "Input.ChosenAmount"));
        Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
        var invocation = await _app.QueryAsync(db => db.GuaranteeInvocations.SingleAsync());
        Assert.Equal(((Guid?)null, 200m, "EUR", 50m, GuaranteeChannel.Email), (invocation.TransactionId, invocation.InvoicedAmount, invocation.Currency, invocation.ChosenAmount, invocation.Channel));
        Assert.Null(await _app.QueryAsync(db => db.Alerts.Select(a => a.ServiceLineId).SingleAsync()));
    }

    [Fact]
    public async Task Settling_records_the_agreed_amount_and_the_credit_and_writes_the_audit_trail()
    {
        var id = await GuaranteeKit.InvokeAsync(_app, _data, "WO-1", 250);
        var president = await _app.CreatePersonAsync(StaffRole.President);
        using var session = _app.NewSession();
        await session.SignInAsync(president.Email, AppFactory.Password);
        var url = $"/Guarantees/Details/{id}";

        var form = await session.GetPageAsync(url);
        var tooMuch = await StaffSession.ParseAsync(await session.PostFormAsync(url, new() { ["Settle.AgreedAmount"] = "480.01" }, "#settle-form"));
        var agreed = await session.PostFormAsync(url, new() { ["Settle.AgreedAmount"] = "300" }, "#settle-form");
        var afterAgreement = await session.GetPageAsync(url);
        _app.Clock.Advance(TimeSpan.FromHours(3));
        var settled = await session.PostFormAsync(url, new() { ["Settle.AgreedAmount"] = "300", ["Settle.CreditIssued"] = "true" }, "#settle-form");
        var noted = await session.PostFormAsync(url, new() { ["Annotate.Notes"] = "Credit note CN-88 sent.", ["Annotate.FollowUpOn"] = "2026-07-15" }, "#annotate-form");
        var done = await session.GetPageAsync(url);

        Assert.Equal("250.00", form.QuerySelector("#Settle_AgreedAmount")!.GetAttribute("value"));
        Assert.Contains("230.00 EUR", form.QuerySelector("#credit-preview")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("The agreed amount cannot be more than the 480.00 EUR invoiced.", StaffSession.FieldError(tooMuch, "Settle.AgreedAmount"));
        Assert.Equal(HttpStatusCode.Redirect, agreed.StatusCode);
        Assert.Equal("Agreed, credit to issue", afterAgreement.QuerySelector("#guarantee-status")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, settled.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, noted.StatusCode);
        Assert.Equal("Settled", done.QuerySelector("#guarantee-status")!.TextContent.Trim());
        Assert.StartsWith("180.00 EUR", done.QuerySelector("#credit")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(done.QuerySelector("#settle-form"));
        Assert.Null(done.QuerySelector("#withdraw-form"));

        var invocation = await _app.QueryAsync(db => db.GuaranteeInvocations.Include(g => g.Audit).SingleAsync());
        Assert.Equal((GuaranteeStatus.Settled, 300m, 180m, _app.Clock.GetUtcNow()), (invocation.Status, invocation.AgreedAmount!.Value, invocation.Credit!.Value, invocation.SettledAt!.Value));
        Assert.Equal(("Credit note CN-88 sent.", new DateOnly(2026, 7, 15)), (invocation.PresidentNotes!, invocation.FollowUpOn!.Value));
        Assert.Equal(
            ["Invoked", "Agreed amount: — → 300.00", "Status: Open → Agreed", "Status: Agreed → Settled", "Notes: — → Credit note CN-88 sent.", "Follow-up: — → 2026-07-15"],
            invocation.Audit.OrderBy(e => e.Id).Select(e => e.Field == "Invoked" ? e.Field : $"{e.Field}: {e.Before ?? "—"} → {e.After}").ToArray());
        Assert.All(invocation.Audit.Where(e => e.Field != "Invoked"), e => Assert.Equal(president.Id, e.ActorId));
        Assert.Equal(6, done.QuerySelectorAll("#audit li").Length);
    }

    [Fact]
    public async Task The_president_withdraws_an_invocation_and_it_leaves_the_open_list()
    {
        var id = await GuaranteeKit.InvokeAsync(_app, _data, "WO-1", 250);
        using var session = await _app.SignInAsync(StaffRole.President);

        var withdrawn = await session.PostFormAsync($"/Guarantees/Details/{id}", [], "#withdraw-form");
        var desk = await session.GetPageAsync("/Guarantees");

        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Null(desk.QuerySelector("#open-invocations"));
        Assert.Contains("Withdrawn", desk.QuerySelector("#recent-invocations tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(GuaranteeStatus.Withdrawn, await _app.QueryAsync(db => db.GuaranteeInvocations.Select(g => g.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_clients_history_lists_every_invocation_and_the_credit_issued()
    {
        var first = await GuaranteeKit.InvokeAsync(_app, _data, "WO-1", 280);
        await GuaranteeKit.InvokeAsync(_app, _data, "WO-2", 400);
        await _app.ExecuteAsync(async db => (await db.GuaranteeInvocations.SingleAsync(g => g.Id == first)).Settle(280, true, null, null, Guid.NewGuid(), _app.Clock.GetUtcNow()));
        using var session = await _app.SignInAsync(StaffRole.Administrator);

        var page = await session.GetPageAsync($"/Guarantees/Client/{_data.Northwind.Id}");
        var details = await session.GetPageAsync($"/Guarantees/Details/{first}");

        Assert.Equal(2, page.QuerySelectorAll("#client-invocations tbody tr").Length);
        Assert.Equal("200.00 EUR", page.QuerySelector("#client-credited")!.TextContent);
        Assert.Single(details.QuerySelectorAll("#client-history tbody tr"));
    }

    [Fact]
    public async Task The_figures_compare_this_month_with_the_last_as_computed_by_hand()
    {
        // Today is 15 June 2026 (the test clock): this month is June, last month May.
        var billing = new ServiceLine("BILLING", "Billing", _data.Operations);
        static DateTimeOffset On(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);
        Transaction Done(string reference, DateTimeOffset at, ServiceLine line, decimal amount) =>
            new("test", reference, _data.Northwind, _data.Anna, line, null, null, at, Channel.Phone, amount, "EUR");
        var (june1, june5, june10, june14) = (Done("J1", On(6, 1), _data.Repair, 480), Done("J5", On(6, 5), _data.Repair, 100), Done("J10", On(6, 10), _data.Repair, 300), Done("J14", On(6, 14), _data.Repair, 80));
        var may16 = Done("M16", On(5, 16), billing, 100);
        Transaction[] others = [Done("M2", On(5, 2), _data.Repair, 10), Done("M9", On(5, 9), _data.Repair, 10), Done("M23", On(5, 23), billing, 10), Done("M31", On(5, 31), billing, 10)];
        var april = Done("A20", On(4, 20), _data.Repair, 50);
        var president = Guid.NewGuid();
        GuaranteeInvocation Invoked(Transaction? t, GuaranteeChannel channel, decimal invoiced, decimal chosen, DateTimeOffset at) =>
            new(_data.Northwind.Id, _data.Anna.Id, t?.Id, channel, invoiced, "EUR", chosen, "Not worth it.", at, channel == GuaranteeChannel.SurveyLink ? null : president);
        var a = Invoked(june1, GuaranteeChannel.PhoneCall, 480, 300, On(6, 2));
        a.Settle(300, creditIssued: true, null, null, president, On(6, 3));
        var b = Invoked(june10, GuaranteeChannel.SurveyLink, 300, 100, On(6, 10));
        var f = Invoked(june14, GuaranteeChannel.PhoneCall, 80, 50, On(6, 14));
        f.Settle(50, creditIssued: false, null, null, president, On(6, 14));
        var c = Invoked(may16, GuaranteeChannel.Email, 100, 40, On(5, 20));
        c.Settle(40, creditIssued: true, null, null, president, On(5, 21));
        var d = Invoked(null, GuaranteeChannel.Other, 200, 0, On(5, 28));
        d.Settle(0, creditIssued: true, null, null, president, On(6, 2));
        var e = Invoked(april, GuaranteeChannel.SurveyLink, 50, 0, On(4, 20));
        e.Withdraw(null, president, On(4, 22));
        // A's client said on the transaction's rating what went wrong: two categories.
        var late = new FailureCategory("Late", null, isCritical: false, 1);
        var notFixed = new FailureCategory("Problem not fixed", null, isCritical: false, 2);
        var invitation = SurveyInvitation.Create(june1.Id, _data.Anna.Id, "en", On(6, 1), TimeSpan.FromDays(30));
        var rating = new Rating(invitation.Id, june1.Id, _data.Northwind.Id, _data.Anna.Id, _data.Repair.Id, null, On(6, 1));
        rating.Answer(new RatingAnswer(1, null, null, null, null, null, null, [late.Id, notFixed.Id], null, "en"));
        await _app.ExecuteAsync(db =>
        {
            db.ServiceLines.Add(billing);
            db.Transactions.AddRange(others.Append(june1).Append(june5).Append(june10).Append(june14).Append(may16).Append(april));
            db.GuaranteeInvocations.AddRange(a, b, c, d, e, f);
            db.FailureCategories.AddRange(late, notFixed);
            db.SurveyInvitations.Add(invitation);
            db.Ratings.Add(rating);
            return Task.CompletedTask;
        });
        using var session = await _app.SignInAsync(StaffRole.President);

        var desk = await session.GetPageAsync("/Guarantees");

        // June: A, B and F of 4 transactions; May: C and D of 5. Credited in June: A 480 − 300 and D 200 − 0; in May: C 100 − 40.
        Assert.Equal("750.0", desk.QuerySelector("#rate-this-month")!.TextContent);
        Assert.Equal("400.0", desk.QuerySelector("#rate-last-month")!.TextContent);
        Assert.Equal("380.00 EUR", desk.QuerySelector("#credited-this-month")!.TextContent);
        Assert.Equal("60.00 EUR", desk.QuerySelector("#credited-last-month")!.TextContent);
        Assert.Equal(
            [
                "Billing | 0 | 1 | 0.00 | 60.00 EUR",
                "Field repair | 3 | 0 | 180.00 EUR | 0.00",
                "No particular transaction | 0 | 1 | 200.00 EUR | 0.00",
            ],
            Rows(desk, "#by-service-line"));
        Assert.Equal(
            [
                "Survey link | 1 | 0 | 0.00 | 0.00",
                "Phone call | 2 | 0 | 180.00 EUR | 0.00",
                "Email | 0 | 1 | 0.00 | 60.00 EUR",
                "Other | 0 | 1 | 200.00 EUR | 0.00",
            ],
            Rows(desk, "#by-channel"));
        Assert.Equal(
            [
                "Late | 1 | 0 | 180.00 EUR | 0.00",
                "Problem not fixed | 1 | 0 | 180.00 EUR | 0.00",
                "No category chosen on a rating | 2 | 2 | 200.00 EUR | 60.00 EUR",
            ],
            Rows(desk, "#by-reason"));
        Assert.Equal(["2026-06-10", "2026-06-14"], desk.QuerySelectorAll("#open-invocations tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray());
        Assert.Equal(["2026-06-02", "2026-05-28", "2026-05-20", "2026-04-20"], desk.QuerySelectorAll("#recent-invocations tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToArray());
    }

    private static string[] Rows(AngleSharp.Dom.IDocument page, string table) =>
        page.QuerySelectorAll($"{table} tbody tr").Select(r => string.Join(" | ", r.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()))).ToArray();
}
