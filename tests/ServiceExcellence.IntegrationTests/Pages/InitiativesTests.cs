using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Initiatives;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Pages;

public sealed class InitiativesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_member_of_staff_starts_an_initiative_and_edits_it()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var created = await member.PostFormAsync("/Initiatives/Edit", new()
        {
            ["Input.Title"] = "Same-day parts for field repair",
            ["Input.Description"] = "Technicians wait for parts; stock the ten most used parts in every van.",
            ["Input.OwnerTeamId"] = _data.Operations.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detailsUrl = created.Headers.Location!.ToString();
        var details = await member.GetPageAsync(detailsUrl);
        Assert.Equal("Same-day parts for field repair", details.QuerySelector("h1")!.TextContent);
        Assert.Equal("Proposed", details.QuerySelector("#status")!.TextContent);
        Assert.Contains("Field Service", details.QuerySelector("#owner")!.TextContent, StringComparison.Ordinal);
        var id = await _app.QueryAsync(db => db.Initiatives.Select(i => i.Id).SingleAsync());

        var edited = await member.PostFormAsync($"/Initiatives/Edit/{id}", new()
        {
            ["Input.Title"] = "Same-day parts in every van",
            ["Input.Description"] = "Stock the ten most used parts in every van.",
            ["Input.OwnerTeamId"] = _data.KeySuccess.Id.ToString(),
            ["Input.Status"] = nameof(InitiativeStatus.InProgress),
        });

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var saved = await _app.QueryAsync(db => db.Initiatives.SingleAsync());
        Assert.Equal(("Same-day parts in every van", _data.KeySuccess.Id, InitiativeStatus.InProgress), (saved.Title, saved.OwnerTeamId, saved.Status));
        var list = await member.GetPageAsync("/Initiatives");
        var row = list.QuerySelector("#initiatives tbody tr")!.TextContent;
        Assert.Contains("Same-day parts in every van", row, StringComparison.Ordinal);
        Assert.Contains("In progress", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_initiative_owned_by_a_client_team_is_refused_with_a_message_next_to_the_owner()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var response = await member.PostFormAsync("/Initiatives/Edit", new()
        {
            ["Input.Title"] = "Call back within the hour",
            ["Input.OwnerTeamId"] = _data.ClientTeam.Id.ToString(),
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal(
            "Choose an operations or key-success team; client teams recover clients, they do not own systemic fixes.",
            StaffSession.FieldError(page, "Input.OwnerTeamId"));
        Assert.Null(StaffSession.FieldError(page, "Input.Title"));
        Assert.Equal(0, await _app.QueryAsync(db => db.Initiatives.CountAsync()));
    }

    [Theory]
    [InlineData(InitiativeStatus.Done)]
    [InlineData(InitiativeStatus.Dropped)]
    public async Task A_done_or_dropped_initiative_needs_an_outcome_next_to_the_field(InitiativeStatus status)
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var response = await member.PostFormAsync("/Initiatives/Edit", new()
        {
            ["Input.Title"] = " ",
            ["Input.OwnerTeamId"] = _data.Operations.Id.ToString(),
            ["Input.Status"] = status.ToString(),
            ["Input.OutcomeNote"] = "  ",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Equal("Describe the outcome: what changed, or why the initiative was dropped.", StaffSession.FieldError(page, "Input.OutcomeNote"));
        Assert.Equal("Enter a title for the initiative.", StaffSession.FieldError(page, "Input.Title"));
        Assert.Equal(0, await _app.QueryAsync(db => db.Initiatives.CountAsync()));
    }

    [Fact]
    public async Task Initiatives_are_ranked_by_the_largest_revenue_at_risk_of_each_distinct_client_summed()
    {
        var contoso = await AddClientAsync("Contoso Pharmaceuticals");
        var dispatch = await StartInitiativeAsync("Dispatch the nearest technician");
        var billing = await StartInitiativeAsync("Invoice only finished work");
        var actor = await _app.CreatePersonAsync(StaffRole.Manager);
        // Northwind: 30,000 (resolved, still counts) and 50,000 → 50,000; Contoso: 20,000. 50,000 + 20,000 = 70,000.
        await RaiseAlertAsync("Technician late", _data.Northwind.Id, 30_000m, _data.ClientTeam, dispatch, resolvedBy: actor.Id);
        await RaiseAlertAsync("Technician no-show", _data.Northwind.Id, 50_000m, _data.ClientTeam, dispatch);
        await RaiseAlertAsync("Wrong technician", contoso.Id, 20_000m, _data.ClientTeam, dispatch);
        // One client, 60,000: more than either of Northwind's dispatch alerts, less than the dispatch initiative.
        await RaiseAlertAsync("Invoice for unfinished repair", _data.Northwind.Id, 60_000m, _data.ClientTeam, billing);
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var list = await member.GetPageAsync("/Initiatives");

        var rows = list.QuerySelectorAll("#initiatives tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("Dispatch the nearest technician", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("70,000", rows[0].QuerySelector("[data-revenue-at-risk]")!.TextContent);
        Assert.Equal("2 / 3", rows[0].Children[4].TextContent);
        Assert.Equal("2", rows[0].Children[5].TextContent);
        Assert.Equal("100", rows[0].QuerySelector("meter")!.GetAttribute("value"));
        Assert.Contains("Invoice only finished work", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("60,000", rows[1].QuerySelector("[data-revenue-at-risk]")!.TextContent);
        Assert.Equal("86", rows[1].QuerySelector("meter")!.GetAttribute("value"));
        Assert.Contains("largest revenue at risk among that client's linked alerts", list.QuerySelector("#formula")!.TextContent, StringComparison.Ordinal);

        var model = await _app.SendAsync<ListInitiatives.Model>(new ListInitiatives.Query());
        Assert.Equal(new[] { (dispatch, 70_000m), (billing, 60_000m) }, model.Initiatives.Select(r => (r.Id, r.RevenueAtRisk)));
        var details = await member.GetPageAsync($"/Initiatives/Details/{dispatch}");
        Assert.Equal("70,000", details.QuerySelector("#revenue-at-risk")!.TextContent);
    }

    [Fact]
    public async Task Done_and_dropped_initiatives_are_listed_only_when_asked_for()
    {
        await StartInitiativeAsync("Confirm every appointment by text");
        var done = await StartInitiativeAsync("Print the engineer's name on invoices");
        await _app.SendAsync<Guid>(new SaveInitiative.Command
        {
            Id = done,
            Version = await _app.QueryAsync(db => db.Initiatives.Where(i => i.Id == done).Select(i => i.Version).SingleAsync()),
            Title = "Print the engineer's name on invoices",
            OwnerTeamId = _data.Operations.Id,
            Status = InitiativeStatus.Done,
            OutcomeNote = "Invoices name the engineer since May.",
        });
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var byDefault = (await member.GetPageAsync("/Initiatives")).QuerySelector("#initiatives")!.TextContent;
        var doneOnly = (await member.GetPageAsync("/Initiatives?status=Done")).QuerySelector("#initiatives")!.TextContent;
        var ofAnotherTeam = await member.GetPageAsync($"/Initiatives?status=Any&teamId={_data.KeySuccess.Id}");

        Assert.Contains("Confirm every appointment", byDefault, StringComparison.Ordinal);
        Assert.DoesNotContain("Print the engineer", byDefault, StringComparison.Ordinal);
        Assert.Contains("Print the engineer", doneOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Confirm every appointment", doneOnly, StringComparison.Ordinal);
        Assert.Null(ofAnotherTeam.QuerySelector("#initiatives"));
        Assert.Contains("No initiative matches these filters.", ofAnotherTeam.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Linking_an_alert_on_the_details_page_writes_the_alerts_audit_trail()
    {
        var initiative = await StartInitiativeAsync("Dispatch the nearest technician");
        var alert = await RaiseAlertAsync("Technician no-show", _data.Northwind.Id, 50_000m, _data.ClientTeam);
        var person = await CreateMemberOfAsync(_data.ClientTeam);
        using var member = await SignInAsAsync(person);
        var url = $"/Initiatives/Details/{initiative}";
        var option = (await member.GetPageAsync(url)).QuerySelectorAll<IHtmlOptionElement>("#link-alert option")
            .Single(o => o.Text.Contains("Technician no-show", StringComparison.Ordinal));

        var response = await member.PostFormAsync(url, new() { ["Input.Alert"] = option.Value }, "#link-alert");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var audit = await _app.QueryAsync(db => db.AlertAudit.Where(e => e.AlertId == alert.Id && e.Field == "Initiative").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal((person.Id, "Dispatch the nearest technician"), (entry.ActorId, entry.After));
        Assert.Equal(initiative, await _app.QueryAsync(db => db.Alerts.Where(a => a.Id == alert.Id).Select(a => a.InitiativeId).SingleAsync()));
        var details = await member.GetPageAsync(url);
        var link = details.QuerySelector<IHtmlAnchorElement>("#linked-alerts a")!;
        Assert.Equal(("Technician no-show", $"/Alerts/Details/{alert.Id}"), (link.TextContent, link.GetAttribute("href")));
        Assert.Contains("Northwind Traders", details.QuerySelector("#linked-alerts")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(details.QuerySelector("#no-candidates"));
    }

    [Fact]
    public async Task Linking_an_alert_someone_changed_meanwhile_is_a_conflict()
    {
        var initiative = await StartInitiativeAsync("Dispatch the nearest technician");
        var alert = await RaiseAlertAsync("Technician no-show", _data.Northwind.Id, 50_000m, _data.ClientTeam);
        using var member = await SignInAsAsync(await CreateMemberOfAsync(_data.ClientTeam));
        var url = $"/Initiatives/Details/{initiative}";
        var seen = (await member.GetPageAsync(url)).QuerySelector<IHtmlOptionElement>("#link-alert option[value*=':']")!.Value;
        await _app.ExecuteAsync(async db => (await db.Alerts.SingleAsync(a => a.Id == alert.Id)).Acknowledge(Guid.NewGuid(), _app.Clock.GetUtcNow()));

        var response = await member.PostFormAsync(url, new() { ["Input.Alert"] = seen }, "#link-alert");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await StaffSession.ParseAsync(response);
        Assert.Contains("Someone else changed this alert", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await _app.QueryAsync(db => db.Alerts.Where(a => a.Id == alert.Id).Select(a => a.InitiativeId).SingleAsync()));
    }

    [Fact]
    public async Task A_team_member_cannot_link_or_see_an_alert_routed_only_to_another_team()
    {
        var initiative = await StartInitiativeAsync("Dispatch the nearest technician");
        await RaiseAlertAsync("Technician late", _data.Northwind.Id, 30_000m, _data.ClientTeam);
        var elsewhere = await RaiseAlertAsync("Van broke down", _data.Northwind.Id, 40_000m, _data.Operations);
        await RaiseAlertAsync("Parts missing", _data.Northwind.Id, 45_000m, _data.Operations, initiative);
        using var member = await SignInAsAsync(await CreateMemberOfAsync(_data.ClientTeam));
        var url = $"/Initiatives/Details/{initiative}";

        var page = await member.GetPageAsync(url);
        var response = await member.PostFormAsync(url, new() { ["Input.Alert"] = $"{elsewhere.Id}:{elsewhere.Version}" }, "#link-alert");

        Assert.DoesNotContain("Van broke down", page.QuerySelector("#link-alert")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Technician late", page.QuerySelector("#link-alert")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Parts missing", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 more linked alert", page.QuerySelector("#hidden-alerts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("45,000", page.QuerySelector("#revenue-at-risk")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await _app.QueryAsync(db => db.Alerts.Where(a => a.Id == elsewhere.Id).Select(a => a.InitiativeId).SingleAsync()));
        using var admin = await _app.SignInAsync(StaffRole.Administrator);
        Assert.Contains("Parts missing", (await admin.GetPageAsync(url)).QuerySelector("#linked-alerts")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_explains_what_initiatives_are_while_there_are_none()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        var page = await member.GetPageAsync("/Initiatives");

        var empty = page.QuerySelector("#empty-state")!;
        Assert.Contains("long-term, systemic fix", empty.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Initiatives/Edit", empty.QuerySelector("a")!.GetAttribute("href"));
        Assert.Null(page.QuerySelector("#initiatives"));
        Assert.NotNull(page.QuerySelector("nav a.nav-link.active[href='/Initiatives']"));
    }

    [Fact]
    public async Task An_unknown_initiative_shows_the_not_found_page()
    {
        using var member = await _app.SignInAsync(StaffRole.TeamMember);

        await member.GetPageAsync($"/Initiatives/Details/{Guid.NewGuid()}", HttpStatusCode.NotFound);
        await member.GetPageAsync($"/Initiatives/Edit/{Guid.NewGuid()}", HttpStatusCode.NotFound);
    }

    private Task<Guid> StartInitiativeAsync(string title) =>
        _app.SendAsync<Guid>(new SaveInitiative.Command { Title = title, OwnerTeamId = _data.Operations.Id });

    private async Task<Client> AddClientAsync(string name)
    {
        var client = new Client(name, null, "Enterprise", 1_000_000m, _data.ClientTeam);
        await _app.ExecuteAsync(db =>
        {
            db.Clients.Add(client);
            return Task.CompletedTask;
        });
        return client;
    }

    /// <summary>An alert routed to one team, optionally already linked to an initiative and resolved.</summary>
    private async Task<Alert> RaiseAlertAsync(string title, Guid clientId, decimal revenueAtRisk, Team routedTo, Guid? initiativeId = null, Guid? resolvedBy = null)
    {
        var now = _app.Clock.GetUtcNow();
        Alert alert = default!;
        await _app.ExecuteAsync(async db =>
        {
            var rule = await db.AlertRules.FirstAsync();
            alert = new Alert(title, clientId, _data.Repair.Id, transactionId: null, ratingId: null, revenueAtRisk, [(rule, "overall 1 ≤ 2")], now);
            alert.RouteTo(routedTo.Id, routedTo.Kind == TeamKind.Client ? "client team" : "service line");
            if (initiativeId is { } id)
            {
                alert.LinkInitiative(id, "an initiative", Guid.NewGuid(), now);
            }

            if (resolvedBy is { } actor)
            {
                alert.RecordRecovery("Apologised and rebooked.", null, actor, now);
                alert.Resolve(actor, now);
            }

            db.Alerts.Add(alert);
        });
        return alert;
    }

    private async Task<Person> CreateMemberOfAsync(Team team)
    {
        var person = await _app.CreatePersonAsync(StaffRole.TeamMember);
        await _app.ExecuteAsync(db =>
        {
            db.TeamMemberships.Add(new TeamMembership(team.Id, person.Id));
            return Task.CompletedTask;
        });
        return person;
    }

    private async Task<StaffSession> SignInAsAsync(Person person)
    {
        var session = _app.NewSession();
        await session.SignInAsync(person.Email, AppFactory.Password);
        return session;
    }
}
