using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Privacy;

namespace ServiceExcellence.Infrastructure.Jobs;

/// <summary>
/// Purges what is kept past its retention age (<see cref="PurgeExpiredData"/>) once per <c>Privacy:RetentionIntervalHours</c>,
/// starting a minute after start-up. Safe on several instances: every step is a conditional DELETE, so an instance that runs
/// after another finds nothing left, and an audit entry is written only when something was purged.
/// </summary>
internal sealed class RetentionJob(IServiceScopeFactory scopes, IOptions<PrivacyOptions> options, TimeProvider clock, ILogger<RetentionJob> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMinutes(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.Delay(delay, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            delay = TimeSpan.FromHours(Math.Max(options.Value.RetentionIntervalHours, 0.1));
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PurgeExpiredData.Command(), stoppingToken);
                logger.LogInformation("Retention purge: {LinkTokens} link tokens, {Invitations} invitations, {Emails} emails deleted",
                    result.LinkTokens, result.Invitations, result.Emails);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Retention purge failed; it runs again at the next interval");
                delay = TimeSpan.FromMinutes(5);
            }
        }
    }
}
