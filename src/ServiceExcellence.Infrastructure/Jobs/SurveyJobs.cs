using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServiceExcellence.Application.Alerts;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Surveys;

namespace ServiceExcellence.Infrastructure.Jobs;

/// <summary>
/// One round of the scheduled jobs: expire invitations, send reminders, escalate overdue alerts, and evaluate the trend rules
/// when they are due. Each job runs in its own scope and transaction, so a conflict or failure in one (another instance got
/// there first) is logged with the job's name and the others still run in the same round.
/// </summary>
public sealed class SurveyJobs(IServiceScopeFactory scopes, IOptions<JobOptions> options, TimeProvider clock, ILogger<SurveyJobs> logger)
{
    // Kept in memory per instance: a trend alert is not raised while an open one has the same subject, so instances need not share it.
    private DateTimeOffset? _trendsEvaluatedAt;

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await RunAsync(new ExpireInvitations.Command(), cancellationToken);
        await RunAsync(new SendSurveyReminders.Command(), cancellationToken);
        await RunAsync(new EscalateOverdueAlerts.Command(), cancellationToken);

        var now = clock.GetUtcNow();
        if (_trendsEvaluatedAt is { } last && now - last < TimeSpan.FromMinutes(options.Value.TrendIntervalMinutes))
        {
            return;
        }

        // Only a run that committed counts: a failed one is tried again at the next interval.
        if (await RunAsync(new EvaluateTrendRules.Command(), cancellationToken))
        {
            _trendsEvaluatedAt = now;
        }
    }

    /// <summary>Runs one job; returns whether it committed.</summary>
    private async Task<bool> RunAsync<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken)
    {
        var job = command.GetType().DeclaringType?.Name ?? command.GetType().Name;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ConflictException)
        {
            logger.LogInformation("Job {Job}: another instance changed the same records first; it runs again at the next interval", job);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Job {Job} failed; it runs again at the next interval", job);
        }

        return false;
    }
}
