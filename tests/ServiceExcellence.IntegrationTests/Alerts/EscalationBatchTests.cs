using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Clients;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;
using SubmitRating = ServiceExcellence.Application.Ratings.SubmitRating;

namespace ServiceExcellence.IntegrationTests.Alerts;

/// <summary>
/// One run of the escalation job over several overdue alerts of different teams: each manager hears of their own
/// teams' alerts only, the president of all of them, each email about its own alert.
/// </summary>
public sealed class EscalationBatchTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task Three_overdue_alerts_in_two_client_teams_reach_the_managers_of_their_own_teams_and_then_the_president()
    {
        var south = new Team("Client Team South", TeamKind.Client);
        var contoso = new Client("Contoso Pharma", "CRM-2", "Mid-market", 900_000m, south);
        var fabrikam = new Client("Fabrikam Metals", "CRM-3", "Mid-market", 600_000m, south);
        var contosoContact = contoso.AddContact("Carla Castro", "carla@contoso.example", "en");
        var fabrikamContact = fabrikam.AddContact("Frank Fisher", "frank@fabrikam.example", "en");
        await _app.ExecuteAsync(db =>
        {
            db.Teams.Add(south);
            db.Clients.AddRange(contoso, fabrikam);
            return Task.CompletedTask;
        });
        var northManager = await _app.CreatePersonAsync(StaffRole.Manager);
        var southManager = await _app.CreatePersonAsync(StaffRole.Manager);
        var operationsManager = await _app.CreatePersonAsync(StaffRole.Manager);
        var president = await _app.CreatePersonAsync(StaffRole.President);
        await AppointAsync(_data.ClientTeam, northManager);
        await AppointAsync(south, southManager);
        await AppointAsync(_data.Operations, operationsManager);
        await RateAsync("WO-1", _data.Northwind, _data.Anna);
        await RateAsync("WO-2", contoso, contosoContact);
        await RateAsync("WO-3", fabrikam, fabrikamContact);
        var alerts = await _app.QueryAsync(db => db.Alerts.AsNoTracking().ToDictionaryAsync(a => a.Title, a => a.Id));
        var northwindAlert = "Northwind Traders: rated Field repair 2/5";
        var contosoAlert = "Contoso Pharma: rated Field repair 2/5";
        var fabrikamAlert = "Fabrikam Metals: rated Field repair 2/5";
        Assert.Equal([contosoAlert, fabrikamAlert, northwindAlert], alerts.Keys.Order(StringComparer.Ordinal));

        _app.Clock.Advance(TimeSpan.FromHours(4.5));
        using (_app.Sql.Record())
        {
            Assert.Equal(3, await _app.SendAsync<int>(new EscalateOverdueAlerts.Command()));
            Assert.Single(Selects("\"AlertRoutes\""));
        }

        var levelOne = await EscalationsAsync();
        Assert.Equal(
            new[]
            {
                (northManager.Email, northwindAlert),
                (southManager.Email, contosoAlert),
                (southManager.Email, fabrikamAlert),
                (operationsManager.Email, northwindAlert),
                (operationsManager.Email, contosoAlert),
                (operationsManager.Email, fabrikamAlert),
            }.Order(),
            Pairs(levelOne).Order());
        AssertAbout(levelOne, alerts, "the managers of its teams");

        _app.Clock.Advance(TimeSpan.FromHours(4));
        using (_app.Sql.Record())
        {
            Assert.Equal(3, await _app.SendAsync<int>(new EscalateOverdueAlerts.Command()));
            Assert.Single(Selects("\"People\""));
        }

        var levelTwo = (await EscalationsAsync()).Except(levelOne).ToList();
        Assert.Equal([(president.Email, contosoAlert), (president.Email, fabrikamAlert), (president.Email, northwindAlert)], Pairs(levelTwo).Order());
        AssertAbout(levelTwo, alerts, "the president");
    }

    private static IEnumerable<(string, string)> Pairs(IEnumerable<Escalation> emails) =>
        emails.Select(e => (e.To, e.Subject["[Escalated] ".Length..]));

    /// <summary>Each email names its own alert in the subject, the text and the link.</summary>
    private static void AssertAbout(IEnumerable<Escalation> emails, Dictionary<string, Guid> alerts, string who)
    {
        foreach (var email in emails)
        {
            var title = email.Subject["[Escalated] ".Length..];
            Assert.Contains($"escalated to {who}.\n\n{title}\n", email.Text, StringComparison.Ordinal);
            Assert.Contains(alerts[title].ToString(), email.Text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(alerts[title].ToString(), email.Html, StringComparison.OrdinalIgnoreCase);
            Assert.All(alerts.Where(a => a.Key != title), other => Assert.DoesNotContain(other.Value.ToString(), email.Text, StringComparison.OrdinalIgnoreCase));
        }
    }

    private IEnumerable<string> Selects(string table) =>
        _app.Sql.Mentioning(table).Where(c => c.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));

    private Task<List<Escalation>> EscalationsAsync() =>
        _app.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == EmailKinds.AlertEscalated)
            .Select(m => new Escalation(m.ToAddress, m.Subject, m.TextBody, m.HtmlBody)).ToListAsync());

    private Task AppointAsync(Team team, Person manager) =>
        _app.ExecuteAsync(async db => (await db.Teams.Include(t => t.Members).SingleAsync(t => t.Id == team.Id)).AppointManager(manager.Id));

    /// <summary>A rating of 2 from <paramref name="contact"/> for Field repair: one alert for the client's team and the operations team.</summary>
    private async Task RateAsync(string reference, Client client, Contact contact)
    {
        var recorded = await SurveyLinks.RecordAsync(_app, _data, reference, contact.Id, client.Id);
        var token = await SurveyLinks.MintAsync(_app, recorded.Id);
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 2 });
    }

    private sealed record Escalation(string To, string Subject, string Text, string Html);
}
