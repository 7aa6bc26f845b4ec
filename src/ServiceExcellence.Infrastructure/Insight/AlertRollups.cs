using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Domain.Insight;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Insight;

/// <summary>
/// Rebuilds the dashboards' alert rollups from the alerts, their routes and their ratings' failure categories: at
/// start-up when the rollups are empty but alerts exist (an upgraded database, the demo data), on demand with
/// <c>Insight:RebuildOnStartup=true</c>, and by the benchmark's seeding tool. Adds up in memory with the same code
/// that maintains the rollups on each save (<see cref="AlertRollupWriter"/>) and inserts in batches.
/// </summary>
public sealed class AlertRollups(AppDbContext db, ILogger<AlertRollups> logger)
{
    private const int BatchSize = 5_000;

    public async Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken) =>
        !await db.InsightAlertDays.AnyAsync(cancellationToken) && await db.Alerts.AnyAsync(cancellationToken);

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var routes = (await db.AlertRoutes.AsNoTracking().Select(r => new { r.AlertId, r.TeamId }).ToListAsync(cancellationToken))
            .ToLookup(r => r.AlertId, r => r.TeamId);
        var categories = (await (
                from a in db.Alerts.AsNoTracking()
                where a.RatingId != null && a.ClientId != null
                join c in db.RatingFailureCategories on a.RatingId equals c.RatingId
                select new { AlertId = a.Id, c.FailureCategoryId })
            .ToListAsync(cancellationToken))
            .ToLookup(c => c.AlertId, c => c.FailureCategoryId);

        var writer = new AlertRollupWriter();
        var alerts = db.Alerts.AsNoTracking().Select(a => new AlertFacts(a.Id, a.ClientId, a.ServiceLineId, a.RatingId, a.RevenueAtRisk, a.CreatedAt,
            a.AcknowledgeBy, a.ResolveBy, a.AcknowledgedAt, a.ResolvedAt));
        var count = 0;
        await foreach (var alert in alerts.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            writer.Add(alert, routes[alert.Id].ToList(), categories[alert.Id].ToList(), 1);
            count++;
        }

        var days = writer.Days.ToList();
        var categoryRows = writer.Categories.ToList();
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.InsightAlertDays.ExecuteDeleteAsync(ct);
            await db.InsightAlertCategories.ExecuteDeleteAsync(ct);
            await InsertAsync(days, ct);
            await InsertAsync(categoryRows, ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        logger.LogInformation("Dashboard alert rollups rebuilt from {Alerts} alerts: {Days} day rows, {Categories} category rows in {Elapsed} ms",
            count, days.Count, categoryRows.Count, started.ElapsedMilliseconds);
    }

    private async Task InsertAsync<T>(IEnumerable<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var detect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var batch in rows.Chunk(BatchSize))
            {
                db.Set<T>().AddRange(batch);
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }
}
