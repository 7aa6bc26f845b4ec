using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Email;

/// <summary>
/// The dispatcher's backlog: emails due and not yet sent, the oldest one's wait, and emails that failed for good
/// in the last day. Degraded (not unhealthy: the instance still serves pages) when an email has waited longer
/// than <see cref="EmailOptions.DispatcherSettings.BacklogWarningMinutes"/> or when any failed for good.
/// </summary>
public sealed class OutboxBacklogHealthCheck(AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now);
        var pending = await due.CountAsync(cancellationToken);
        var oldestDue = await due.OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        var dayAgo = now.AddDays(-1);
        var failed = await db.OutboxMessages.AsNoTracking()
            .CountAsync(m => m.Status == OutboxStatus.Failed && m.NextAttemptAt >= dayAgo, cancellationToken);

        var waited = oldestDue is { } at ? now - at : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["dueEmails"] = pending,
            ["oldestDueSeconds"] = (long)waited.TotalSeconds,
            ["failedLastDay"] = failed,
            ["dispatcherEnabled"] = options.Value.Dispatcher.Enabled,
        };
        var limit = TimeSpan.FromMinutes(options.Value.Dispatcher.BacklogWarningMinutes);
        if (waited > limit)
        {
            return HealthCheckResult.Degraded($"{pending} emails due; the oldest has waited {(int)waited.TotalMinutes} minutes.", data: data);
        }

        return failed > 0
            ? HealthCheckResult.Degraded($"{failed} emails failed for good in the last day; see Administration › Outbox.", data: data)
            : HealthCheckResult.Healthy($"{pending} emails due.", data);
    }
}
