using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.ServiceLines;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class TransactionsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_team_member_records_a_transaction_and_finds_it_in_the_list_and_on_its_page()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var response = await member.PostFormAsync("/Transactions/Create", Form());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await _app.QueryAsync(db => db.Transactions.SingleAsync());
        Assert.Equal($"/Transactions/Details/{stored.Id}", response.Headers.Location!.ToString());
        Assert.Equal(Transaction.ManualSource, stored.SourceSystem);
        Assert.Matches("^MAN-[2-9A-Z]{8}$", stored.ExternalReference);
        Assert.Equal(new DateTimeOffset(2026, 6, 14, 15, 30, 0, TimeSpan.Zero), stored.OccurredAt);
        Assert.Equal(_data.Operations.Id, stored.PerformedByTeamId);
        Assert.Equal("EUR", stored.Currency);

        var details = await member.GetPageAsync(response.Headers.Location!.ToString());
        Assert.Contains($"Transaction {stored.ExternalReference} recorded.", details.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(stored.ExternalReference, details.QuerySelector("h1")!.TextContent);
        Assert.Equal("2026-06-14 15:30 UTC", Text(details, "#occurred-at"));
        Assert.Equal("Northwind Traders", Text(details, "#client"));
        Assert.StartsWith("Anna Andersen", Text(details, "#contact"), StringComparison.Ordinal);
        Assert.Equal("Field repair", Text(details, "#service-line"));
        Assert.Equal("Field Service", Text(details, "#team"));
        Assert.Equal("On site", Text(details, "#channel"));
        Assert.EndsWith("EUR", Text(details, "#amount"), StringComparison.Ordinal);

        var list = await member.GetPageAsync("/Transactions");
        var row = Assert.Single(list.QuerySelectorAll("tbody tr"));
        Assert.Contains("2026-06-14 15:30", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Northwind Traders", row.TextContent, StringComparison.Ordinal);
        Assert.Equal(response.Headers.Location!.ToString(), row.QuerySelector("td:last-child a")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("-5", "The invoiced amount cannot be negative.")]
    [InlineData("1000000000000", "The invoiced amount must be less than 1,000,000,000,000.")]
    public async Task A_bad_amount_is_refused_next_to_the_amount(string amount, string message)
    {
        await AssertRefusedAsync(Form(("Input.InvoicedAmount", amount)), "Input.InvoicedAmount", message);
    }

    [Fact]
    public async Task A_contact_of_another_client_is_refused_and_the_chosen_clients_contacts_are_offered()
    {
        var (_, ben) = await AddClientAsync("Contoso", "Ben Becker");

        var page = await AssertRefusedAsync(Form(("Input.ContactId", ben.Id.ToString())), "Input.ContactId", "Choose one of this client's contacts.");

        var offered = page.QuerySelectorAll("#Input_ContactId option").Select(o => o.TextContent).ToList();
        Assert.Contains(offered, o => o.StartsWith("Anna Andersen", StringComparison.Ordinal));
        Assert.DoesNotContain(offered, o => o.StartsWith("Ben Becker", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_date_more_than_a_day_ahead_is_refused_next_to_the_date()
    {
        // The clock says 2026-06-15 09:00 UTC.
        await AssertRefusedAsync(Form(("Input.OccurredAt", "2026-06-16T09:01")), "Input.OccurredAt", "It cannot have happened more than a day from now.");
    }

    [Fact]
    public async Task A_missing_service_line_is_refused_next_to_the_service_line()
    {
        await AssertRefusedAsync(Form(("Input.ServiceLineId", string.Empty)), "Input.ServiceLineId", "Choose the service line.");
    }

    [Fact]
    public async Task Recording_the_same_reference_twice_stores_one_and_points_to_it()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var first = await member.PostFormAsync("/Transactions/Create", Form(("Input.ExternalReference", "INV-2026-0042")));
        var second = await member.PostFormAsync("/Transactions/Create", Form(("Input.ExternalReference", " INV-2026-0042 "), ("Input.InvoicedAmount", "999")));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await StaffSession.ParseAsync(second);
        var notice = page.QuerySelector("#already-recorded")!;
        Assert.Contains("This transaction was already recorded", notice.TextContent, StringComparison.Ordinal);
        Assert.Equal(first.Headers.Location!.ToString(), notice.QuerySelector("a")!.GetAttribute("href"));
        var stored = await _app.QueryAsync(db => db.Transactions.SingleAsync());
        Assert.Equal(250m, stored.InvoicedAmount);
    }

    [Fact]
    public async Task The_contacts_of_a_client_are_offered_as_json_for_the_form()
    {
        await AddClientAsync("Contoso", "Ben Becker");
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var json = await member.Client.GetStringAsync($"/Transactions/Create?handler=Contacts&clientId={_data.Northwind.Id}");
        var unknown = await member.Client.GetStringAsync("/Transactions/Create?handler=Contacts&clientId=abc");

        Assert.Contains($"\"id\":\"{_data.Anna.Id}\"", json, StringComparison.Ordinal);
        Assert.Contains("Anna Andersen", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Ben Becker", json, StringComparison.Ordinal);
        Assert.Equal("[]", unknown);
    }

    [Fact]
    public async Task The_transaction_pages_require_sign_in()
    {
        using var anonymous = _app.NewSession();

        foreach (var url in new[] { "/Transactions", "/Transactions/Create", "/Transactions/Create?handler=Contacts&clientId=" + _data.Northwind.Id })
        {
            var response = await anonymous.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_empty_list_says_whether_nothing_is_recorded_or_nothing_matches()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var empty = await member.GetPageAsync("/Transactions?search=zzz");
        await SeedAsync();
        var noMatch = await member.GetPageAsync("/Transactions?search=zzz");

        Assert.Contains("No transactions yet", empty.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("No transaction matches", noMatch.QuerySelector(".empty-state")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_filter_narrows_the_list()
    {
        var seeded = await SeedAsync();
        using var member = await _app.SignInAsync(StaffRole.TeamMember);
        var contoso = seeded.First(s => s.Client == "Contoso").ClientId;
        var billing = seeded.First(s => s.ServiceLine == "Billing").ServiceLineId;

        var byClient = await member.GetPageAsync($"/Transactions?clientId={contoso}&from=2026-06-01");
        Assert.Equal(Newest(seeded.Where(s => s.ClientId == contoso)), References(byClient));
        Assert.Equal(contoso.ToString(), ((AngleSharp.Html.Dom.IHtmlSelectElement)byClient.QuerySelector("#clientId")!).Value);
        Assert.Equal("2026-06-01", byClient.QuerySelector("#from")!.GetAttribute("value"));
        Assert.Equal(Newest(seeded.Where(s => s.ServiceLineId == billing)), await ReferencesAsync(member, $"/Transactions?serviceLineId={billing}"));
        Assert.Equal(Newest(seeded.Where(s => s.TeamId == _data.KeySuccess.Id)), await ReferencesAsync(member, $"/Transactions?teamId={_data.KeySuccess.Id}"));
        Assert.Equal(Newest(seeded.Where(s => s.Reference.Contains("T-1", StringComparison.Ordinal))), await ReferencesAsync(member, "/Transactions?search=t-1"));
        Assert.Equal(
            Newest(seeded.Where(s => s.ClientId == contoso && s.ServiceLineId == billing)),
            await ReferencesAsync(member, $"/Transactions?clientId={contoso}&serviceLineId={billing}"));
    }

    [Fact]
    public async Task The_date_range_includes_both_days_whole_in_UTC()
    {
        await SeedAsync();
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        // T-24 happened at 2026-06-12 00:00, T-25 at 11:00 and T-26 at 22:00; T-23 the day before, T-27 the day after.
        Assert.Equal(["T-26", "T-25", "T-24"], await ReferencesAsync(member, "/Transactions?from=2026-06-12&to=2026-06-12"));
        Assert.Equal(["T-29", "T-28", "T-27"], await ReferencesAsync(member, "/Transactions?from=2026-06-13"));
        Assert.Equal(["T-02", "T-01", "T-00"], await ReferencesAsync(member, "/Transactions?to=2026-06-01"));
    }

    [Fact]
    public async Task Sorting_by_amount_ascending_orders_the_rows_and_the_headers_keep_the_filters()
    {
        var seeded = await SeedAsync();
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var references = await ReferencesAsync(member, "/Transactions?sort=amount_asc");

        Assert.Equal(seeded.OrderBy(s => s.Amount).Select(s => s.Reference).Take(25), references);
        var filtered = await member.GetPageAsync($"/Transactions?clientId={_data.Northwind.Id}&sort=amount_asc&page=1");
        var amountHeader = filtered.QuerySelectorAll("thead a").Single(a => a.TextContent.StartsWith("Amount", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Contains($"clientId={_data.Northwind.Id}", amountHeader, StringComparison.Ordinal);
        Assert.Contains("sort=amount_desc", amountHeader, StringComparison.Ordinal);
        Assert.DoesNotContain("page=", amountHeader, StringComparison.Ordinal);
        var sortedColumn = filtered.QuerySelectorAll("thead th").Single(th => th.TextContent.StartsWith("Amount", StringComparison.Ordinal));
        Assert.Equal("ascending", sortedColumn.GetAttribute("aria-sort"));
        Assert.Equal("Amount ↑", sortedColumn.TextContent);
    }

    [Theory]
    [InlineData("/Transactions?sort=drop%20table")]
    [InlineData("/Transactions?clientId=abc&from=notadate&page=-3")]
    [InlineData("/Transactions?serviceLineId=&teamId=0&to=9999-12-31&from=0001-01-01&page=99999999999")]
    [InlineData("/Transactions?search=%25_%5B&sort=")]
    [InlineData("/Transactions?page=2147483647&sort=amount_desc")]
    public async Task Nonsense_in_the_address_never_fails_the_list(string url)
    {
        await SeedAsync();
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var page = await member.GetPageAsync(url);

        Assert.NotNull(page.QuerySelector("h1"));
    }

    [Fact]
    public async Task Unknown_sort_and_unreadable_filters_fall_back_to_the_newest_first()
    {
        await SeedAsync();
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var references = await ReferencesAsync(member, "/Transactions?sort=drop%20table&clientId=abc&from=notadate&page=-3");

        Assert.Equal(25, references.Count);
        Assert.Equal("T-29", references[0]);
    }

    [Fact]
    public async Task The_second_page_shows_the_rest()
    {
        await SeedAsync();
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var page = await member.GetPageAsync("/Transactions?page=2");

        Assert.Equal(["T-04", "T-03", "T-02", "T-01", "T-00"], References(page));
        Assert.Contains("Page 2 of 2", page.QuerySelector("nav[aria-label='Pages']")!.TextContent, StringComparison.Ordinal);
        var first = await member.GetPageAsync("/Transactions");
        Assert.Equal(25, References(first).Count);
        Assert.Equal("/Transactions?page=2", first.QuerySelector("a[rel='next']")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_unknown_transaction_shows_the_not_found_page()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var page = await member.GetPageAsync($"/Transactions/Details/{Guid.NewGuid()}", HttpStatusCode.NotFound);

        Assert.Equal("Page not found", page.QuerySelector("h1")!.TextContent);
    }

    private Dictionary<string, string> Form(params (string Field, string Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.ClientId"] = _data.Northwind.Id.ToString(),
            ["Input.ContactId"] = _data.Anna.Id.ToString(),
            ["Input.ServiceLineId"] = _data.Repair.Id.ToString(),
            ["Input.OccurredAt"] = "2026-06-14T15:30",
            ["Input.Channel"] = nameof(Channel.OnSite),
            ["Input.InvoicedAmount"] = "250",
            ["Input.Currency"] = "eur",
            ["Input.ExternalReference"] = string.Empty,
        };
        foreach (var (field, value) in changes)
        {
            fields[field] = value;
        }

        return fields;
    }

    private async Task<IDocument> AssertRefusedAsync(Dictionary<string, string> form, string field, string message)
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var response = await member.PostFormAsync("/Transactions/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(message, StaffSession.FieldError(page, field));
        Assert.Equal(0, await _app.QueryAsync(db => db.Transactions.CountAsync()));
        return page;
    }

    private async Task<(Client Client, Contact Contact)> AddClientAsync(string name, string contactName)
    {
        var client = new Client(name, null, null, 100_000m, _data.ClientTeam);
        var contact = client.AddContact(contactName, null, "en");
        await _app.ExecuteAsync(db =>
        {
            db.Clients.Add(client);
            return Task.CompletedTask;
        });
        return (client, contact);
    }

    private sealed record Seeded(string Reference, Guid ClientId, string Client, Guid ServiceLineId, string ServiceLine, Guid TeamId, DateTimeOffset OccurredAt, decimal Amount);

    /// <summary>
    /// 30 transactions T-00 … T-29, 11 hours apart from 2026-06-01 00:00 UTC, over three clients and two service lines;
    /// every fifth is performed by the key-success team; no two amounts are equal.
    /// </summary>
    private async Task<IReadOnlyList<Seeded>> SeedAsync()
    {
        var (contoso, ben) = await AddClientAsync("Contoso", "Ben Becker");
        var (fabrikam, cara) = await AddClientAsync("Fabrikam", "Cara Costa");
        var finance = new Team("Billing & Finance", TeamKind.Operations);
        var billing = new ServiceLine("BILL", "Billing", finance);
        var clients = new[] { (_data.Northwind, _data.Anna), (contoso, ben), (fabrikam, cara) };
        var lines = new[] { (_data.Repair, _data.Operations), (billing, finance) };
        var seeded = new List<Seeded>();
        var transactions = new List<Transaction>();
        for (var i = 0; i < 30; i++)
        {
            var (client, contact) = clients[i % 3];
            var (line, owner) = lines[i % 2];
            var team = i % 5 == 0 ? _data.KeySuccess : owner;
            var at = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero).AddHours(11 * i);
            var amount = ((i * 17 % 30) * 10) + 5.5m;
            var reference = $"T-{i:00}";
            transactions.Add(new Transaction("crm", reference, client, contact, line, null, team.Id, at, Channel.Phone, amount, "EUR"));
            seeded.Add(new Seeded(reference, client.Id, client.Name, line.Id, line.Name, team.Id, at, amount));
        }

        await _app.ExecuteAsync(db =>
        {
            db.Teams.Add(finance);
            db.ServiceLines.Add(billing);
            db.Transactions.AddRange(transactions);
            return Task.CompletedTask;
        });
        return seeded;
    }

    private static List<string> Newest(IEnumerable<Seeded> seeded) =>
        seeded.OrderByDescending(s => s.OccurredAt).Select(s => s.Reference).ToList();

    private static async Task<List<string>> ReferencesAsync(StaffSession session, string url) =>
        References(await session.GetPageAsync(url));

    private static List<string> References(IDocument page) =>
        page.QuerySelectorAll("tbody tr").Select(r => r.QuerySelector("td:last-child")!.TextContent.Trim()).ToList();

    private static string Text(IDocument page, string selector) =>
        page.QuerySelector(selector)!.TextContent.Trim();
}
