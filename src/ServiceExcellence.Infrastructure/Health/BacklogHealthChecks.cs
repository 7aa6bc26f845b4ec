using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ServiceExcellence.Domain.Email;
using ServiceExcellence.Domain.Webhooks;
using ServiceExcellence.Infrastructure.Email;
using ServiceExcellence.Infrastructure.Persistence;
using ServiceExcellence.Infrastructure.Webhooks;

namespace ServiceExcellence.Infrastructure.Health;

/// <summary>
/// A dispatcher's backlog: items due and not yet sent, the oldest one's wait, and items that failed for good in
/// the last day. Degraded (not unhealthy: the instance still serves pages) when the oldest has waited longer
/// than the warning or when any failed for good.
/// </summary>
public static class Backlog
{
    public static HealthCheckResult Report(string what, string where, int due, DateTimeOffset? oldestDue, int failedLastDay, bool dispatcherEnabled, TimeSpan warning, DateTimeOffset now)
    {
        var waited = oldestDue is { } at && at < now ? now - at : TimeSpan.Zero;
        var data = new Dictionary<string, object>
        {
            ["due"] = due,
            ["oldestDueSeconds"] = (long)waited.TotalSeconds,
            ["failedLastDay"] = failedLastDay,
            ["dispatcherEnabled"] = dispatcherEnabled,
        };
        if (waited > warning)
        {
            return HealthCheckResult.Degraded($"{due} {what} due; the oldest has waited {(int)waited.TotalMinutes} minutes.", data: data);
        }

        return failedLastDay > 0
            ? HealthCheckResult.Degraded($"{failedLastDay} {what} failed for good in the last day; see {where}.", data: data)
            : HealthCheckResult.Healthy($"{due} {what} due.", data);
    }
}

/// <summary>The email outbox's backlog (see <see cref="Backlog"/>); the warning is <c>Email:Dispatcher:BacklogWarningMinutes</c>.</summary>
public sealed class EmailBacklogHealthCheck(AppDbContext db, TimeProvider clock, IOptions<EmailOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now);
        var dayAgo = now.AddDays(-1);
        var settings = options.Value.Dispatcher;
        return Backlog.Report(
            "emails", "Administration › Outbox",
            await due.CountAsync(cancellationToken),
            await due.OrderBy(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(cancellationToken),
            await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Failed && m.NextAttemptAt >= dayAgo, cancellationToken),
            settings.Enabled, TimeSpan.FromMinutes(settings.BacklogWarningMinutes), now);
    }
}

/// <summary>The webhook deliveries' backlog (see <see cref="Backlog"/>); the warning is <c>Webhooks:Dispatcher:BacklogWarningMinutes</c>.</summary>
public sealed class WebhookBacklogHealthCheck(AppDbContext db, TimeProvider clock, IOptions<WebhookOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = db.WebhookDeliveries.AsNoTracking().Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now);
        var dayAgo = now.AddDays(-1);
        var settings = options.Value.Dispatcher;
        return Backlog.Report(
            "webhook deliveries", "Administration › Webhooks",
            await due.CountAsync(cancellationToken),
            await due.OrderBy(d => d.NextAttemptAt).Select(d => (DateTimeOffset?)d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken),
            await db.WebhookDeliveries.CountAsync(d => d.Status == WebhookDeliveryStatus.Failed && d.LastAttemptAt >= dayAgo, cancellationToken),
            settings.Enabled, TimeSpan.FromMinutes(settings.BacklogWarningMinutes), now);
    }
}
