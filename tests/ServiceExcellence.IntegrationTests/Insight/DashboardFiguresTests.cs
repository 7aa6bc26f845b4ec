using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceExcellence.Application.Insight;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Infrastructure.Insight;
using ServiceExcellence.IntegrationTests.Support;
using ServiceExcellence.IntegrationTests.Surveys;
using SubmitRating = ServiceExcellence.Application.Ratings.SubmitRating;

namespace ServiceExcellence.IntegrationTests.Insight;

/// <summary>Every dashboard figure against values worked out by hand from <see cref="InsightKit"/>'s week.</summary>
public sealed class DashboardFiguresTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = DateOnly.FromDateTime(InsightKit.Monday.UtcDateTime);
    private static readonly DateOnly Sunday = Monday.AddDays(6);

    private readonly AppFactory _app = new();
    private TestData _data = default!;
    private InsightKit _kit = default!;

    public async ValueTask InitializeAsync()
    {
        _app.Settings["Surveys:ThrottleDays"] = "0";
        _data = await TestData.SeedAsync(_app);
        _kit = new InsightKit(_app, _data);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_company_week_adds_up_to_the_hand_computed_figures()
    {
        await _kit.SeedWeekAsync();

        var d = await DashboardAsync(ScopeKind.Company, null, Monday, Sunday);
        var c = d.Current;

        Assert.Equal((Monday.AddDays(-7), Monday.AddDays(-1)), (d.PreviousRange.From, d.PreviousRange.To));
        Assert.Equal((5L, 5L, 4L), (c.Transactions, c.Invited, c.Responded));
        Assert.Equal(80.0, c.ResponseRatePercent);           // 4 of 5 invitations answered
        Assert.Equal(4, c.Ratings);
        Assert.Equal(50.0, c.CsatPercent);                   // 5 and 4 of 5, 2, 4, 1
        Assert.Equal(3.00, c.AverageOverall);                // 12 / 4
        Assert.Equal(2, c.PoorRatings);
        Assert.Equal(
            [("Reliability", 4L, (double?)3.00), ("Responsiveness", 4, 2.50), ("FeelingValued", 2, 4.00), ("Empathy", 2, 3.00), ("Competency", 2, 4.00)],
            c.Dimensions.Select(x => (x.Name, x.Answers, x.Average)));
        Assert.Equal(4, c.RecommendAnswers);
        Assert.Equal(-25.0, c.Nps);                          // promoters 1 (10) − detractors 2 (3, 0) of 4

        Assert.Equal(2, c.Alerts.Raised);
        Assert.Equal((1L, (double?)2.0), (c.Alerts.Acknowledged, c.Alerts.HoursToAcknowledge));
        Assert.Equal((1L, (double?)26.0), (c.Alerts.Resolved, c.Alerts.HoursToRecover));
        Assert.Equal((2L, 1L, (double?)50.0), (c.Alerts.AcknowledgeDue, c.Alerts.AcknowledgedInTime, c.Alerts.AcknowledgeSlaPercent));
        Assert.Equal((2L, 1L, (double?)50.0), (c.Alerts.ResolveDue, c.Alerts.ResolvedInTime, c.Alerts.ResolveSlaPercent));
        Assert.Equal(1_250_000m, c.Alerts.RevenueAtRisk);    // 2.5 M × 0.3 (overall 2) + 1 M × 0.5 (overall 1)

        Assert.Equal(1, c.GuaranteeInvocations);
        Assert.Equal(200.0, c.GuaranteesPerThousand);        // 1 ÷ 5 transactions × 1,000
        Assert.Equal([new GetDashboard.Money(280m, "EUR")], c.Credited);

        // Nothing happened the week before: every ratio is "no data", not zero.
        Assert.Equal((0L, 0L, (double?)null, (double?)null, (double?)null), (d.Previous.Ratings, d.Previous.Alerts.Raised, d.Previous.CsatPercent, d.Previous.Nps, d.Previous.ResponseRatePercent));
    }

    [Fact]
    public async Task Trend_key_drivers_failures_and_revenue_at_risk_of_the_week()
    {
        await _kit.SeedWeekAsync();

        var d = await DashboardAsync(ScopeKind.Company, null, Monday, Sunday);
        var f = await _kit.AsPresidentAsync<GetFailureAnalysis.Model>(new GetFailureAnalysis.Query(ScopeKind.Company, null, Monday, Sunday));

        Assert.Equal("day", d.Bucket);
        Assert.Equal(
            [(1L, (double?)100.0, 0L), (1, 0.0, 1), (2, 50.0, 1), (0, null, 0), (0, null, 0), (0, null, 0), (0, null, 0)],
            d.Trend.Select(t => (t.Ratings, t.CsatPercent, t.Alerts)));

        // Reliability x = 5 1 4 2, Responsiveness x = 4 2 3 1, overall y = 5 2 4 1:
        // r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)) = 36 / 40 = 0.90 and 28 / √800 = 0.99.
        var drivers = d.KeyDrivers.ToDictionary(k => k.Name);
        Assert.Equal((4L, (double?)0.90, false), (drivers["Reliability"].Sample, drivers["Reliability"].Correlation, drivers["Reliability"].Trustworthy));
        Assert.Equal((4L, (double?)0.99), (drivers["Responsiveness"].Sample, drivers["Responsiveness"].Correlation));
        Assert.Equal((2L, (double?)null), (drivers["FeelingValued"].Sample, drivers["FeelingValued"].Correlation));
        Assert.Equal(4, d.KeyDriverSample);

        Assert.Equal(["Late", "Rude", "Wrong invoice"], f.Categories);
        Assert.Equal([("Field repair", (IReadOnlyList<long>)[2L, 1L, 0L]), ("Billing", [0L, 0L, 1L])], f.ByServiceLine.Select(l => (l.ServiceLine, l.Counts)));
        Assert.Equal(2, f.PoorRatings);
        Assert.Equal(1, f.PoorByWeekdayHour[1][14]);   // Tuesday 14:30
        Assert.Equal(1, f.PoorByWeekdayHour[2][14]);   // Wednesday 14:10
        Assert.Equal(2, f.PoorByWeekdayHour.Sum(day => day.Sum()));

        Assert.Equal(
            [("Late", 2, 2, 1_250_000m), ("Rude", 1, 1, 500_000m)],
            f.CategoriesAtRisk.Select(r => (r.Name, r.Alerts, r.Clients, r.RevenueAtRisk)));
        Assert.Empty(f.InitiativesAtRisk);
    }

    [Fact]
    public async Task A_team_a_client_and_a_service_line_count_only_what_they_cover()
    {
        await _kit.SeedWeekAsync();

        // Client Team North owns Northwind: Monday's and Tuesday's ratings and Thursday's unanswered invitation.
        var north = (await DashboardAsync(ScopeKind.Team, _data.ClientTeam.Id, Monday, Sunday)).Current;
        Assert.Equal((3L, 2L, 66.7, 2L, 50.0, 3.50), (north.Invited, north.Responded, north.ResponseRatePercent!.Value, north.Ratings, north.CsatPercent!.Value, north.AverageOverall!.Value));
        Assert.Equal((1L, 1L), (north.Alerts.Raised, north.GuaranteeInvocations));

        // Field Service owns Repair: Monday, Tuesday and Wednesday afternoon; both alerts were routed to it.
        var field = (await DashboardAsync(ScopeKind.Team, _data.Operations.Id, Monday, Sunday)).Current;
        Assert.Equal((3L, 33.3, 2.67, 2L), (field.Ratings, field.CsatPercent!.Value, field.AverageOverall!.Value, field.Alerts.Raised));

        var contoso = (await DashboardAsync(ScopeKind.Client, _kit.Contoso.Id, Monday, Sunday)).Current;
        Assert.Equal((2L, 2.50, 1L, 0L), (contoso.Ratings, contoso.AverageOverall!.Value, contoso.Alerts.Raised, contoso.GuaranteeInvocations));
    }

    [Fact]
    public async Task A_single_rating_gives_its_own_scores_and_no_correlation()
    {
        await _kit.SeedWeekAsync();

        var billing = await DashboardAsync(ScopeKind.ServiceLine, _kit.Billing.Id, Monday, Sunday);
        var c = billing.Current;

        Assert.Equal((2L, 1L, 50.0), (c.Invited, c.Responded, c.ResponseRatePercent!.Value));
        Assert.Equal((1L, 100.0, 4.00, 0.0), (c.Ratings, c.CsatPercent!.Value, c.AverageOverall!.Value, c.Nps!.Value));   // 8 is neither promoter nor detractor
        Assert.Equal((double?)4.00, c.Dimensions.Single(x => x.Name == "Reliability").Average);
        Assert.All(billing.KeyDrivers, k => Assert.Null(k.Correlation));
        Assert.Equal(1, billing.KeyDriverSample);
        Assert.Equal(0, c.Alerts.Raised);
    }

    [Fact]
    public async Task An_empty_range_shows_no_data_rather_than_zeros()
    {
        await _kit.SeedWeekAsync();

        var d = await DashboardAsync(ScopeKind.Company, null, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31));
        var f = await _kit.AsPresidentAsync<GetFailureAnalysis.Model>(new GetFailureAnalysis.Query(ScopeKind.Company, null, new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 31)));

        Assert.Equal((0L, 0L, 0L, 0L), (d.Current.Ratings, d.Current.Invited, d.Current.Alerts.Raised, d.Current.GuaranteeInvocations));
        Assert.Null(d.Current.ResponseRatePercent);
        Assert.Null(d.Current.CsatPercent);
        Assert.Null(d.Current.AverageOverall);
        Assert.Null(d.Current.Nps);
        Assert.Null(d.Current.Alerts.HoursToAcknowledge);
        Assert.Null(d.Current.Alerts.AcknowledgeSlaPercent);
        Assert.Null(d.Current.GuaranteesPerThousand);
        Assert.Empty(d.Current.Credited);
        Assert.All(d.KeyDrivers, k => Assert.Equal((0L, (double?)null), (k.Sample, k.Correlation)));
        Assert.Equal("day", d.Bucket);
        Assert.Empty(f.ByServiceLine);
        Assert.Equal(0, f.PoorRatings);

        using var president = await _app.SignInAsync(StaffRole.President);
        var page = await president.GetPageAsync("/Dashboard/Company?from=2026-05-01&to=2026-05-31");
        Assert.NotNull(page.QuerySelector("#empty-range"));
        Assert.Equal("—", page.QuerySelector("#figure-csat [data-figure=now]")!.TextContent);
        Assert.NotNull(page.QuerySelector("#no-failures"));
    }

    [Fact]
    public async Task An_edited_answer_moves_its_contribution_and_a_rebuild_gives_the_same_rollups()
    {
        await _kit.SeedCompanyAsync();
        _app.Clock.SetUtcNow(InsightKit.Monday.AddHours(10));
        var transactionId = await _kit.RecordAsync(_data.Northwind, _data.Anna, _data.Repair);
        var token = await SurveyLinks.MintAsync(_app, transactionId);
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 1, Reliability = 1, LikelihoodToRecommend = 2, FailureCategoryIds = [_kit.Late.Id], Language = "en" });
        _app.Clock.SetUtcNow(InsightKit.Monday.AddHours(12));
        await _app.SendAsync<SubmitRating.Result>(new SubmitRating.Command { Token = token, Overall = 5, Reliability = 4, LikelihoodToRecommend = 9, FailureCategoryIds = [_kit.Rude.Id], Language = "en" });

        var d = await DashboardAsync(ScopeKind.Company, null, Monday, Sunday);
        var f = await _kit.AsPresidentAsync<GetFailureAnalysis.Model>(new GetFailureAnalysis.Query(ScopeKind.Company, null, Monday, Sunday));
        Assert.Equal((1L, 100.0, 5.00, 100.0, 0L), (d.Current.Ratings, d.Current.CsatPercent!.Value, d.Current.AverageOverall!.Value, d.Current.Nps!.Value, d.Current.PoorRatings));
        Assert.Equal((double?)4.00, d.Current.Dimensions[0].Average);
        Assert.Equal(["Rude"], f.Categories);
        Assert.Equal(0, f.PoorRatings);

        var maintained = await RollupsAsync();
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InsightRollups>().RebuildAsync(CancellationToken.None);
        }

        Assert.Equal(maintained, await RollupsAsync());
    }

    [Fact]
    public async Task The_page_shows_the_figures_with_a_table_beside_every_chart()
    {
        await _kit.SeedWeekAsync();
        using var president = await _app.SignInAsync(StaffRole.President);

        var page = await president.GetPageAsync($"/Dashboard/Company?from={Monday:yyyy-MM-dd}&to={Sunday:yyyy-MM-dd}");

        string Figure(string id) => page.QuerySelector($"#figure-{id} [data-figure=now]")!.TextContent.Trim();
        Assert.Equal("80.0 %", Figure("response-rate"));
        Assert.Equal("50.0 %", Figure("csat"));
        Assert.Equal("3.00", Figure("average-overall"));
        Assert.Equal("-25.0", Figure("nps"));
        Assert.Equal("2.0 h", Figure("time-to-acknowledge"));
        Assert.Equal("26.0 h", Figure("time-to-recover"));
        Assert.Equal("280.00 EUR", Figure("credited"));
        foreach (var chart in page.QuerySelectorAll("canvas"))
        {
            Assert.NotNull(page.QuerySelector($"details[data-chart-table='{chart.Id}'] table"));
        }

        Assert.Equal(3, page.QuerySelectorAll("canvas").Length);
        Assert.Equal(7, page.QuerySelectorAll("#trend-table tbody tr").Length);
        Assert.Contains("too small to trust", page.QuerySelector("#small-sample")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector("#heat-map tbody tr:nth-child(2) td:nth-of-type(15)")!.TextContent);
        Assert.Equal("Late", page.QuerySelector("#categories-at-risk tbody tr th")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("nav a"), a => a.TextContent == "Dashboard");
        Assert.NotNull(page.QuerySelector("script#dashboard-data[type='application/json']"));
    }

    [Fact]
    public async Task A_bad_range_is_explained_beside_the_field_and_nothing_is_computed()
    {
        using var president = await _app.SignInAsync(StaffRole.President);

        var backwards = await president.GetPageAsync("/Dashboard/Company?from=2026-06-10&to=2026-06-01");
        var tooLong = await president.GetPageAsync("/Dashboard/Company?from=2020-01-01&to=2026-06-01");
        var unreadable = await president.GetPageAsync("/Dashboard/Company?from=yesterday");

        Assert.Equal("The end date must not be before the start date.", StaffSession.FieldError(backwards, "To"));
        Assert.Equal("Choose a range of at most 731 days.", StaffSession.FieldError(tooLong, "To"));
        Assert.NotNull(StaffSession.FieldError(unreadable, "From"));
        Assert.NotNull(backwards.QuerySelector("#no-figures"));
    }

    private Task<GetDashboard.Model> DashboardAsync(ScopeKind scope, Guid? id, DateOnly from, DateOnly to) =>
        _kit.AsPresidentAsync<GetDashboard.Model>(new GetDashboard.Query(scope, id, from, to));

    private Task<string> RollupsAsync() => _app.QueryAsync(async db =>
    {
        var days = (await db.InsightDays.AsNoTracking().ToListAsync()).Where(r => !Domain.Insight.InsightMeasures.IsZero(r))
            .OrderBy(r => r.Day).ThenBy(r => r.ClientId).ThenBy(r => r.ServiceLineId).ThenBy(r => r.TeamId)
            .Select(r => string.Join(",", Domain.Insight.InsightMeasures.All.Select(m => m.Get(r))) + $"@{r.Day}/{r.ClientId}/{r.ServiceLineId}/{r.TeamId}");
        var poor = (await db.InsightPoorHours.AsNoTracking().Where(h => h.Ratings != 0).ToListAsync()).Select(h => $"{h.Day}/{h.Hour}/{h.ClientId}:{h.Ratings}").Order();
        var failures = (await db.InsightFailures.AsNoTracking().Where(x => x.Ratings != 0).ToListAsync()).Select(x => $"{x.Day}/{x.FailureCategoryId}/{x.ClientId}:{x.Ratings}").Order();
        return string.Join("\n", days.Concat(poor).Concat(failures));
    });
}
