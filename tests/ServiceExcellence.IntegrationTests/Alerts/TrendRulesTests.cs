using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Email;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Alerts;

/// <summary>
/// The scheduled trend rules on seeded histories: the default rules look at the last 30 days against the 90 before.
/// Ratings and invitations are inserted directly, back-dated, as months of real traffic would have left them.
/// </summary>
public sealed class TrendRulesTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    private DateTimeOffset Now => _app.Clock.GetUtcNow();

    public async ValueTask InitializeAsync() => _data = await TestData.SeedAsync(_app);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_client_whose_average_falls_from_4_5_to_3_raises_one_alert_for_its_client_team()
    {
        var member = await _app.CreatePersonAsync(StaffRole.TeamMember);
        await _app.ExecuteAsync(async db => (await db.Teams.SingleAsync(t => t.Id == _data.ClientTeam.Id)).AddMember(member.Id));
        await RateAsync(daysAgo: 60, 5, 4, 5, 4);
        await RateAsync(daysAgo: 10, 3, 3, 3, 3);

        var raised = await EvaluateAsync();

        Assert.Equal(1, raised);
        var alert = await SingleAlertAsync();
        Assert.Equal("Northwind Traders: average fell from 4.5 to 3.0 over 30 days", alert.Title);
        Assert.Equal($"client:{_data.Northwind.Id}:average-drop", alert.SubjectKey);
        Assert.Equal(_data.Northwind.Id, alert.ClientId);
        Assert.Null(alert.ServiceLineId);
        Assert.Equal(AlertSeverity.High, alert.Severity);
        Assert.Equal(250_000m, alert.RevenueAtRisk); // 2,500,000 × 0.1, the weight of a 3
        var route = Assert.Single(alert.Routes);
        Assert.Equal((_data.ClientTeam.Id, "client team"), (route.TeamId, route.Reason));
        var trigger = Assert.Single(alert.Triggers);
        Assert.Contains("average 3.0 over the last 30 days (4 ratings)", trigger.Detail, StringComparison.Ordinal);
        Assert.Contains("4.5 over the 90 days before (4 ratings): fell 1.5 ≥ 0.8", trigger.Detail, StringComparison.Ordinal);
        var email = await _app.QueryAsync(db => db.OutboxMessages.SingleAsync(m => m.Kind == EmailKinds.AlertRaised));
        Assert.Equal(member.Email, email.ToAddress);
    }

    [Fact]
    public async Task A_fall_of_half_a_point_raises_nothing()
    {
        await RateAsync(daysAgo: 60, 5, 4, 5, 4);
        await RateAsync(daysAgo: 10, 4, 4, 4, 4);

        Assert.Equal(0, await EvaluateAsync());
    }

    [Fact]
    public async Task A_fall_of_exactly_the_threshold_raises_an_alert()
    {
        await RateAsync(daysAgo: 60, 4, 4, 4);
        await RateAsync(daysAgo: 10, 4, 3, 3, 3, 3); // 3.2: 4.0 − 3.2 is 0.7999… in doubles

        Assert.Equal(1, await EvaluateAsync());
        Assert.Equal("Northwind Traders: average fell from 4.0 to 3.2 over 30 days", (await SingleAlertAsync()).Title);
    }

    [Fact]
    public async Task Too_few_ratings_in_either_period_raise_nothing()
    {
        await RateAsync(daysAgo: 60, 5, 5, 5);
        await RateAsync(daysAgo: 10, 1, 1);
        await RateAsync(daysAgo: 200, 5, 5, 5); // before the baseline

        Assert.Equal(0, await EvaluateAsync());
    }

    [Fact]
    public async Task A_trend_is_raised_once_while_its_alert_is_open_and_again_once_it_is_resolved()
    {
        var manager = await _app.CreatePersonAsync(StaffRole.Manager);
        await RateAsync(daysAgo: 60, 5, 4, 5, 4);
        await RateAsync(daysAgo: 10, 3, 3, 3, 3);

        Assert.Equal(1, await EvaluateAsync());
        _app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await EvaluateAsync());

        await _app.ExecuteAsync(async db =>
        {
            var alert = await db.Alerts.SingleAsync();
            alert.RecordRecovery("Called the client and agreed a service review.", "Appreciated the call.", manager.Id, Now);
            alert.Resolve(manager.Id, Now);
        });
        _app.Clock.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await EvaluateAsync());
        var alerts = await _app.QueryAsync(db => db.Alerts.OrderBy(a => a.CreatedAt).Select(a => new { a.Status, a.SubjectKey }).ToListAsync());
        Assert.Equal(new[] { AlertStatus.Resolved, AlertStatus.New }, alerts.Select(a => a.Status));
        Assert.Single(alerts.Select(a => a.SubjectKey).Distinct());
    }

    [Fact]
    public async Task A_team_with_csat_of_70_percent_gets_an_alert_of_its_own()
    {
        await RateAsync(daysAgo: 5, 5, 5, 5, 5, 5, 5, 4, 2, 2, 1);

        Assert.Equal(1, await EvaluateAsync());
        var alert = await SingleAlertAsync();
        Assert.Equal("Field Service: CSAT 70% over 30 days (target 80%)", alert.Title);
        Assert.Equal($"team:{_data.Operations.Id}:csat", alert.SubjectKey);
        Assert.Null(alert.ClientId);
        Assert.Equal(0m, alert.RevenueAtRisk);
        Assert.Equal(AlertSeverity.Medium, alert.Severity);
        var route = Assert.Single(alert.Routes);
        Assert.Equal((_data.Operations.Id, "team trend"), (route.TeamId, route.Reason));
        Assert.Equal("CSAT 70% (7 of 10 ratings 4 or 5) over the last 30 days < target 80%", Assert.Single(alert.Triggers).Detail);
    }

    [Fact]
    public async Task A_team_at_exactly_its_csat_target_raises_nothing()
    {
        await RateAsync(daysAgo: 5, 5, 5, 5, 5, 5, 5, 4, 4, 2, 1);

        Assert.Equal(0, await EvaluateAsync());
    }

    [Fact]
    public async Task A_client_whose_response_rate_falls_from_80_to_20_percent_raises_an_alert()
    {
        await InviteAsync(daysAgo: 60, sent: 10, answered: 8);
        await InviteAsync(daysAgo: 10, sent: 10, answered: 2);
        await InviteAsync(daysAgo: 10, sent: 0, answered: 0, suppressed: 20); // never sent, so not silence

        Assert.Equal(1, await EvaluateAsync());
        var alert = await SingleAlertAsync();
        Assert.Equal("Northwind Traders: response rate fell from 80% to 20% over 30 days", alert.Title);
        Assert.Equal($"client:{_data.Northwind.Id}:response-rate", alert.SubjectKey);
        Assert.Equal(250_000m, alert.RevenueAtRisk); // 2,500,000 × 0.1: silence is priced like a 3
        Assert.Equal(_data.ClientTeam.Id, Assert.Single(alert.Routes).TeamId);
        Assert.Contains("(2 of 10 surveys answered)", Assert.Single(alert.Triggers).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_trend_rules_raise_nothing()
    {
        await RateAsync(daysAgo: 60, 5, 5, 5, 5, 5, 5, 5, 5);
        await RateAsync(daysAgo: 10, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2);
        await InviteAsync(daysAgo: 10, sent: 10, answered: 0);
        await EnableTrendRulesAsync(false);

        Assert.Equal(0, await EvaluateAsync());
        Assert.Equal(0, await _app.QueryAsync(db => db.Alerts.CountAsync()));

        await EnableTrendRulesAsync(true);
        Assert.Equal(3, await EvaluateAsync()); // the same history trips all three once they are on
    }

    [Fact]
    public async Task The_trend_figures_are_aggregated_in_the_database()
    {
        var (averages, csat, responses) = await _app.QueryAsync(db => Task.FromResult((
            EvaluateTrendRules.Handler.ClientAverages(db, Now.AddDays(-120), Now.AddDays(-30), Now).ToQueryString(),
            EvaluateTrendRules.Handler.TeamCsat(db, Now.AddDays(-30), Now).ToQueryString(),
            EvaluateTrendRules.Handler.ClientResponseRates(db, Now.AddDays(-120), Now.AddDays(-30), Now).ToQueryString())));
        TestContext.Current.TestOutputHelper?.WriteLine(averages);
        TestContext.Current.TestOutputHelper?.WriteLine(csat);
        TestContext.Current.TestOutputHelper?.WriteLine(responses);

        Assert.Matches("""GROUP BY "r"."ClientId"\s+HAVING""", averages);
        Assert.Matches("""GROUP BY "r"."TeamId"\s+HAVING""", csat);
        Assert.Matches("""GROUP BY "t"."ClientId"\s+HAVING""", responses);
        Assert.Contains("\"s\".\"Status\" IN (", responses, StringComparison.Ordinal); // so the (Status, SentAt) index is searched
    }

    private Task<int> EvaluateAsync() => _app.SendAsync<int>(new EvaluateTrendRules.Command());

    private Task EnableTrendRulesAsync(bool enabled) =>
        _app.ExecuteAsync(async db =>
        {
            foreach (var rule in (await db.AlertRules.ToListAsync()).Where(r => r.Kind.IsTrend()))
            {
                rule.Update(rule.Name, enabled, rule.Severity, rule.AcknowledgeWithinHours, rule.ResolveWithinHours, rule.Threshold,
                    rule.Keywords, rule.Language, rule.WindowDays, rule.BaselineDays);
            }
        });

    private Task<Alert> SingleAlertAsync() =>
        _app.QueryAsync(db => db.Alerts.AsNoTracking().Include(a => a.Routes).Include(a => a.Triggers).SingleAsync());

    /// <summary>Northwind's contact rated repairs by the Field Service team, one rating per score, all on one day.</summary>
    private Task RateAsync(int daysAgo, params int[] scores) => RatingKit.StoreRatingsAsync(_app, _data, Now.AddDays(-daysAgo), scores);

    /// <summary>Surveys sent to Northwind on one day, some answered (the answers themselves do not matter here).</summary>
    private Task InviteAsync(int daysAgo, int sent, int answered, int suppressed = 0) =>
        _app.ExecuteAsync(db =>
        {
            var at = Now.AddDays(-daysAgo);
            for (var i = 0; i < sent + suppressed; i++)
            {
                var (transaction, invitation) = Invitation(at, suppressed: i >= sent);
                if (i < answered)
                {
                    invitation.MarkResponded(at.AddHours(2));
                }

                db.Transactions.Add(transaction);
                db.SurveyInvitations.Add(invitation);
            }

            return Task.CompletedTask;
        });

    private (Transaction, SurveyInvitation) Invitation(DateTimeOffset at, bool suppressed = false)
    {
        if (!suppressed)
        {
            return RatingKit.SentInvitation(_data, at);
        }

        var transaction = new Transaction("test", Guid.NewGuid().ToString("N"), _data.Northwind, _data.Anna, _data.Repair, null, null, at.AddHours(-1), Channel.OnSite, 100m, "EUR");
        return (transaction, SurveyInvitation.Suppress(transaction.Id, _data.Anna.Id, "en", at, SuppressionReason.Throttled));
    }
}
