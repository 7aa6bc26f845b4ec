using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

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
/// Runs the <see cref="SurveyJobs"/> every interval: survey reminders, invitation expiry, alert escalation, and the trend rules
/// every trend interval. Safe on several instances: each reminder is guarded by its invitation's concurrency token, expiry is an
/// idempotent UPDATE, and a trend alert is not raised while an open one has the same subject.
/// </summary>
internal sealed class SurveyScheduler(SurveyJobs jobs, IOptions<JobOptions> options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await jobs.RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(options.Value.IntervalSeconds), clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }
}
