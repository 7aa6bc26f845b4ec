using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Surveys;

namespace ServiceExcellence.Infrastructure.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    public bool Enabled { get; set; } = true;
    public double IntervalSeconds { get; set; } = 60;

    /// <summary>Trend rules aggregate months of ratings, so they run at most this often (per instance).</summary>
    public double TrendIntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Sends survey reminders, expires unanswered invitations and escalates overdue alerts every interval, and evaluates the trend
/// rules every trend interval. Safe on several instances: each reminder is guarded by its invitation's concurrency token, expiry
/// is an idempotent UPDATE, and a trend alert is not raised while an open one has the same subject — so the time of the last
/// trend run is kept in memory per instance, with no need to share it.
/// </summary>
internal sealed class SurveyScheduler(IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider clock, ILogger<SurveyScheduler> logger) : BackgroundService
{
    private DateTimeOffset? _trendsEvaluatedAt;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                await mediator.Send(new ExpireInvitations.Command(), stoppingToken);
                await mediator.Send(new SendSurveyReminders.Command(), stoppingToken);
                await mediator.Send(new EscalateOverdueAlerts.Command(), stoppingToken);
                await EvaluateTrendsWhenDueAsync(mediator, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConflictException)
            {
                logger.LogInformation("Another instance sent the same reminders first");
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Survey jobs failed; they run again at the next interval");
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task EvaluateTrendsWhenDueAsync(IMediator mediator, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        if (_trendsEvaluatedAt is { } last && now - last < TimeSpan.FromMinutes(options.Value.TrendIntervalMinutes))
        {
            return;
        }

        // Only a run that committed counts: a failed one is tried again at the next interval.
        await mediator.Send(new EvaluateTrendRules.Command(), stoppingToken);
        _trendsEvaluatedAt = now;
    }
}
