using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Insight;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;
using SubmitRating = ServiceExcellence.Application.Ratings.SubmitRating;

namespace ServiceExcellence.IntegrationTests.Insight;

/// <summary>
/// The dashboards' alert figures come from rollups kept up to date as alerts are raised and worked: after every
/// step (acknowledge, resolve, reopen, close, a rating's failure categories edited, the clock passing due times)
/// each scope's figures must equal those computed directly from the alerts, and a rebuild at start-up must give
/// the same rollups and figures.
/// </summary>
public sealed class AlertRollupTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = DateOnly.FromDateTime(InsightKit.Monday.UtcDateTime);

    private readonly AppFactory _app = new();
    private TestData _data = default!;
    private InsightKit _kit = default!;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Surveys:ThrottleDays"] = "0";
        // Long enough for a customer to change Wednesday's answer after the week.
        _app.Settings["Surveys:EditWindowHours"] = "240";
        _data = await TestData.SeedAsync(_app);
        _kit = new InsightKit(_app, _data);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Working_alerts_through_acknowledge_resolve_reopen_and_close_keeps_every_scope_equal_to_the_alerts()
    {
        await _kit.SeedWeekAsync();
        await AssertMatchesAlertsAsync("after the week");

        // Monday 22: alert B (Contoso, never acknowledged so far) is worked by the president through the alert page.
        var president = await _app.CreatePersonAsync(StaffRole.President);
        var b = await _app.QueryAsync(db => db.Alerts.Where(a => a.RatingId == _kit.WednesdayPoorRating).Select(a => a.Id).SingleAsync());
        var a = await _app.QueryAsync(db => db.Alerts.Where(x => x.RatingId == _kit.TuesdayRating).Select(x => x.Id).SingleAsync());
        await PostAsync(president, b, InsightKit.Monday.AddDays(7).AddHours(9), "form[action*='handler=Acknowledge']");
        await AssertMatchesAlertsAsync("B acknowledged late");
        await PostAsync(president, b, InsightKit.Monday.AddDays(7).AddHours(10), "#recovery-form",
            new() { ["Recovery.Action"] = "Apologised and refunded the visit.", ["Recovery.Reaction"] = "Calmer" });
        await PostAsync(president, b, InsightKit.Monday.AddDays(7).AddHours(11), "form[action*='handler=Resolve']");
        await AssertMatchesAlertsAsync("B resolved");

        // Reopened: no longer resolved, and due again 72 hours later, so it does not count towards the resolve SLA yet.
        await PostAsync(president, b, InsightKit.Monday.AddDays(7).AddHours(12), "form[action*='handler=Reopen']");
        var reopened = await DashboardAsync(ScopeKind.Company, null);
        Assert.Equal((1L, 1L), (reopened.Current.Alerts.Resolved, reopened.Current.Alerts.ResolveDue));
        await AssertMatchesAlertsAsync("B reopened");

        await PostAsync(president, b, InsightKit.Monday.AddDays(8).AddHours(9), "form[action*='handler=Resolve']");
        await PostAsync(president, b, InsightKit.Monday.AddDays(8).AddHours(9.5), "form[action*='handler=Close']");
        await PostAsync(president, a, InsightKit.Monday.AddDays(8).AddHours(10), "form[action*='handler=Reopen']");
        await AssertMatchesAlertsAsync("B resolved again and closed, A reopened");

        // A third alert on Tuesday 23 (Contoso, Billing), left alone; then the clock passes every due time.
        await _kit.RateAsync(InsightKit.Monday.AddDays(8).AddHours(15), _kit.Contoso, _kit.Bob, _kit.Billing, 1, 1, null, null, null, null, 0, _kit.WrongInvoice.Id, _kit.Late.Id);
        await AssertMatchesAlertsAsync("C raised");
        _app.Clock.SetUtcNow(InsightKit.Monday.AddDays(13).AddHours(9));
        var late = await DashboardAsync(ScopeKind.Company, null);
        Assert.Equal((3L, 3L, 3L), (late.Current.Alerts.Raised, late.Current.Alerts.AcknowledgeDue, late.Current.Alerts.ResolveDue));
        await AssertMatchesAlertsAsync("every due time passed");

        // The start-up path: empty alert rollups are rebuilt from the alerts, to the same rows and figures.
        var maintained = await AlertRollupRowsAsync();
        Assert.NotEmpty(maintained);
        await _app.ExecuteAsync(async db =>
        {
            await db.InsightAlertDays.ExecuteDeleteAsync();
            await db.InsightAlertCategories.ExecuteDeleteAsync();
        });
        Assert.Empty(await AlertRollupRowsAsync());
        await _app.Services.InitialiseDatabaseAsync();
        Assert.Equal(maintained, await AlertRollupRowsAsync());
        await AssertMatchesAlertsAsync("after the rebuild at start-up");
    }

    [Fact]
    public async Task A_rating_that_names_other_categories_after_its_alert_moves_the_revenue_at_risk_and_a_rebuild_agrees()
    {
        await _kit.SeedWeekAsync();
        var before = await FailuresAsync(ScopeKind.Company, null, Monday, Monday.AddDays(6));
        Assert.Equal([("Late", 2, 2, 1_250_000m), ("Rude", 1, 1, 500_000m)], before.CategoriesAtRisk.Select(r => (r.Name, r.Alerts, r.Clients, r.RevenueAtRisk)));

        // Contoso's customer edits Wednesday's poor answer (still overall 1, so the alert stays): Rude and Wrong invoice.
        var transactionId = await _app.QueryAsync(db => db.Ratings.Where(r => r.Id == _kit.WednesdayPoorRating).Select(r => r.TransactionId).SingleAsync());
        var token = await SurveyLinks.MintAsync(_app, transactionId);
        var edit = await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command
        {
            Token = token,
            Overall = 1,
            Reliability = 2,
            Responsiveness = 1,
            LikelihoodToRecommend = 0,
            FailureCategoryIds = [_kit.Rude.Id, _kit.WrongInvoice.Id],
            Language = "en",
        });
        Assert.True(edit.Edited);

        var after = await FailuresAsync(ScopeKind.Company, null, Monday, Monday.AddDays(6));
        Assert.Equal([("Late", 1, 1, 750_000m), ("Rude", 1, 1, 500_000m), ("Wrong invoice", 1, 1, 500_000m)],
            after.CategoriesAtRisk.Select(r => (r.Name, r.Alerts, r.Clients, r.RevenueAtRisk)).OrderBy(r => r.Name));
        await AssertMatchesAlertsAsync("after the edit");

        var maintained = await AlertRollupRowsAsync();
        await _app.ExecuteAsync(async db => await db.InsightAlertDays.ExecuteDeleteAsync());
        await _app.Services.InitialiseDatabaseAsync();
        Assert.Equal(maintained, await AlertRollupRowsAsync());
    }

    /// <summary>At <paramref name="at"/>, signed in afresh as <paramref name="person"/>: submits a form of the alert's page.</summary>
    private async Task PostAsync(Person person, Guid alertId, DateTimeOffset at, string form, Dictionary<string, string>? fields = null)
    {
        _app.Clock.SetUtcNow(at);
        using var session = _app.NewSession();
        await session.SignInAsync(person.Email, AppFactory.Password);
        var response = await session.PostFormAsync($"/Alerts/Details/{alertId}", fields ?? [], form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>
    /// Every scope the alerts touch, over ranges of days (each with its previous period), a whole month and a range with
    /// a whole month and edge days: the dashboard's alert figures and the revenue at risk by failure category equal
    /// those computed here from the alerts, their routes and their ratings' categories.
    /// </summary>
    private async Task AssertMatchesAlertsAsync(string when)
    {
        var scopes = new List<(ScopeKind, Guid?)>
        {
            (ScopeKind.Company, null), (ScopeKind.Team, _data.ClientTeam.Id), (ScopeKind.Team, _data.Operations.Id), (ScopeKind.Team, _kit.South.Id),
            (ScopeKind.Team, _kit.BillingTeam.Id), (ScopeKind.Client, _data.Northwind.Id), (ScopeKind.Client, _kit.Contoso.Id),
            (ScopeKind.ServiceLine, _data.Repair.Id), (ScopeKind.ServiceLine, _kit.Billing.Id),
        };
        var ranges = new List<(DateOnly From, DateOnly To)>
        {
            (Monday, Monday.AddDays(13)), (Monday.AddDays(7), Monday.AddDays(13)), (Monday.AddDays(1), Monday.AddDays(2)),
            (new DateOnly(2026, 6, 1), new DateOnly(2026, 6, 30)), (new DateOnly(2026, 5, 20), new DateOnly(2026, 7, 10)),
        };
        var (alerts, categories, names) = await _app.QueryAsync(async db => (
            await db.Alerts.AsNoTracking().Include(a => a.Routes).ToListAsync(),
            await db.RatingFailureCategories.AsNoTracking().ToListAsync(),
            await db.FailureCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name)));
        var now = _app.Clock.GetUtcNow();
        var checkedCategories = 0;
        foreach (var (kind, id) in scopes)
        {
            foreach (var (from, to) in ranges)
            {
                var range = new InsightRange(from, to);
                var d = await DashboardAsync(kind, id, from, to);
                Assert.True(Totals(alerts, kind, id, range, now) == d.Current.Alerts, $"{when}: {kind} {id} {from}–{to}: {d.Current.Alerts} ≠ {Totals(alerts, kind, id, range, now)}");
                Assert.True(Totals(alerts, kind, id, range.Previous, now) == d.Previous.Alerts, $"{when}: {kind} {id} before {from}: {d.Previous.Alerts}");

                var f = await FailuresAsync(kind, id, from, to);
                var expected = alerts.Where(a => a.ClientId is not null && InScope(a, kind, id, range))
                    .SelectMany(a => categories.Where(c => c.RatingId == a.RatingId).Select(c => (Category: c.FailureCategoryId, Alert: a)))
                    .GroupBy(x => x.Category)
                    .Select(g => (names[g.Key], g.Count(), g.Select(x => x.Alert.ClientId).Distinct().Count(), g.GroupBy(x => x.Alert.ClientId).Sum(c => c.Max(x => x.Alert.RevenueAtRisk))))
                    .OrderBy(r => r.Item1, StringComparer.Ordinal).ToList();
                Assert.Equal(expected, f.CategoriesAtRisk.Select(r => (r.Name, r.Alerts, r.Clients, r.RevenueAtRisk)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList());
                checkedCategories += expected.Count;
            }
        }

        Assert.True(checkedCategories > 0, "no category figures were compared");
    }

    private static bool InScope(Alert a, ScopeKind kind, Guid? id, InsightRange range) =>
        a.CreatedAt >= range.Start && a.CreatedAt < range.End && kind switch
        {
            ScopeKind.Team => a.Routes.Any(r => r.TeamId == id),
            ScopeKind.Client => a.ClientId == id,
            ScopeKind.ServiceLine => a.ServiceLineId == id,
            _ => true,
        };

    /// <summary>The alert figures by their definitions, straight from the alerts.</summary>
    private static AlertFigures.Totals Totals(List<Alert> alerts, ScopeKind kind, Guid? id, InsightRange range, DateTimeOffset now)
    {
        var scoped = alerts.Where(a => InScope(a, kind, id, range)).ToList();
        var acknowledged = scoped.Where(a => a.AcknowledgedAt is not null).ToList();
        var resolved = scoped.Where(a => a.ResolvedAt is not null).ToList();
        double? Mean(List<Alert> done, Func<Alert, DateTimeOffset> at) => done.Count == 0 ? null : Math.Round(done.Average(a => (at(a) - a.CreatedAt).TotalHours), 1);
        return new AlertFigures.Totals(scoped.Count, acknowledged.Count, Mean(acknowledged, a => a.AcknowledgedAt!.Value), resolved.Count, Mean(resolved, a => a.ResolvedAt!.Value),
            scoped.Count(a => a.AcknowledgedAt is not null || a.AcknowledgeBy < now), acknowledged.Count(a => a.AcknowledgedAt <= a.AcknowledgeBy),
            scoped.Count(a => a.ResolvedAt is not null || a.ResolveBy < now), resolved.Count(a => a.ResolvedAt <= a.ResolveBy),
            Math.Round(scoped.Sum(a => a.RevenueAtRisk), 2));
    }

    private Task<GetDashboard.Model> DashboardAsync(ScopeKind kind, Guid? id, DateOnly? from = null, DateOnly? to = null) =>
        _kit.AsPresidentAsync<GetDashboard.Model>(new GetDashboard.Query(kind, id, from ?? Monday, to ?? Monday.AddDays(13)));

    private Task<GetFailureAnalysis.Model> FailuresAsync(ScopeKind kind, Guid? id, DateOnly from, DateOnly to) =>
        _kit.AsPresidentAsync<GetFailureAnalysis.Model>(new GetFailureAnalysis.Query(kind, id, from, to));

    private Task<List<string>> AlertRollupRowsAsync() => AlertRollupRowsAsync(_app);

    /// <summary>The alert rollups' rows that count something, in key order, as text.</summary>
    internal static Task<List<string>> AlertRollupRowsAsync(AppFactory app) => app.QueryAsync(async db =>
    {
        var days = (await db.InsightAlertDays.AsNoTracking().ToListAsync())
            .Where(d => !d.IsZero)
            .Select(d => $"day {d.Day} {d.Scope} {d.ScopeId}: {d.Raised} {d.Acknowledged} {d.AcknowledgeMilliseconds} {d.AcknowledgedInTime} {d.Resolved} {d.ResolveMilliseconds} {d.ResolvedInTime} {d.RevenueAtRisk:0.00}");
        var categories = (await db.InsightAlertCategories.AsNoTracking().ToListAsync())
            .Where(c => c.Alerts != 0)
            .Select(c => $"category {c.Period} {c.Day} {c.Scope} {c.ScopeId} {c.FailureCategoryId} {c.ClientId} {c.RevenueAtRisk:0.00}: {c.Alerts}");
        return days.Concat(categories).Order(StringComparer.Ordinal).ToList();
    });
}
