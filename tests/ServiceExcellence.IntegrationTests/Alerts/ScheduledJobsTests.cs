using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Infrastructure.Jobs;
using ServiceExcellence.IntegrationTests.Support;

namespace ServiceExcellence.IntegrationTests.Alerts;

/// <summary>
/// The scheduled jobs run one after another in each round, each on its own: when another instance escalated the same alerts
/// first, the round logs that for the escalation and still evaluates the trend rules.
/// </summary>
public sealed class ScheduledJobsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private TestData _data = default!;

    public async ValueTask InitializeAsync()
    {
        // Another instance commits the same escalations first: this instance's escalation ends in a conflict.
        _app.TestServices = services => services.AddScoped<IPipelineBehavior<EscalateOverdueAlerts.Command, int>, EscalatedElsewhere>();
        _data = await TestData.SeedAsync(_app);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task A_conflict_in_escalation_is_logged_by_name_and_the_trend_rules_still_run_in_the_same_round()
    {
        await RateAsync(daysAgo: 5, 5, 5, 5, 5, 5, 5, 4, 2, 2, 1); // CSAT 70% against a target of 80%
        var log = new CapturedLog<SurveyJobs>();
        var jobs = ActivatorUtilities.CreateInstance<SurveyJobs>(_app.Services, log);

        await jobs.RunOnceAsync(TestContext.Current.CancellationToken);

        var conflict = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Information, conflict.Level);
        Assert.StartsWith("Job EscalateOverdueAlerts: another instance changed the same records first", conflict.Text, StringComparison.Ordinal);
        var alert = await _app.QueryAsync(db => db.Alerts.AsNoTracking().SingleAsync());
        Assert.Equal("Field Service: CSAT 70% over 30 days (target 80%)", alert.Title);
    }

    /// <summary>Ratings of the Field Service team, all on one day.</summary>
    private Task RateAsync(int daysAgo, params int[] scores) => RatingKit.StoreRatingsAsync(_app, _data, _app.Clock.GetUtcNow().AddDays(-daysAgo), scores);

    private sealed class EscalatedElsewhere : IPipelineBehavior<EscalateOverdueAlerts.Command, int>
    {
        public ValueTask<int> Handle(EscalateOverdueAlerts.Command message, MessageHandlerDelegate<EscalateOverdueAlerts.Command, int> next, CancellationToken cancellationToken) =>
            throw new ConflictException("Someone else changed this record while you were editing it.");
    }
}
