using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceExcellence.Domain.Insight;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Insight;

/// <summary>
/// Rebuilds the dashboards' rollups from the ratings, invitations and failure categories themselves: at start-up
/// when the rollups are empty but ratings exist (an upgraded database, the demo data), on demand with
/// <c>Insight:RebuildOnStartup=true</c>, and by the benchmark's seeding tool. Reads the source tables once in a
/// stream, adds up in memory (one object per day × client × service line × team) and inserts in batches.
/// </summary>
public sealed class InsightRollups(AppDbContext db, ILogger<InsightRollups> logger)
{
    private const int BatchSize = 5_000;

    public async Task<bool> NeedsRebuildAsync(CancellationToken cancellationToken) =>
        !await db.InsightDays.AnyAsync(cancellationToken) && await db.Ratings.AnyAsync(cancellationToken);

    public async Task RebuildAsync(CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var days = new Dictionary<(int, Guid, Guid, Guid), InsightDay>();
        var poor = new Dictionary<(int, int, Guid, Guid, Guid), long>();
        var failures = new Dictionary<(int, Guid, Guid, Guid, Guid), long>();
        InsightDay Day(int day, Guid client, Guid line, Guid team)
        {
            if (!days.TryGetValue((day, client, line, team), out var row))
            {
                days[(day, client, line, team)] = row = new InsightDay { Day = day, ClientId = client, ServiceLineId = line, TeamId = team };
            }

            return row;
        }

        var transactions = db.Transactions.AsNoTracking().Select(t => new { t.OccurredAt, t.ClientId, t.ServiceLineId, t.PerformedByTeamId });
        await foreach (var t in transactions.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Day(InsightMeasures.DayOf(t.OccurredAt), t.ClientId, t.ServiceLineId, t.PerformedByTeamId ?? Guid.Empty).Transactions += 1;
        }

        var invitations =
            from i in db.SurveyInvitations.AsNoTracking()
            where i.Status != InvitationStatus.Suppressed
            join t in db.Transactions on i.TransactionId equals t.Id
            select new { i.CreatedAt, t.ClientId, t.ServiceLineId, t.PerformedByTeamId };
        await foreach (var i in invitations.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Day(InsightMeasures.DayOf(i.CreatedAt), i.ClientId, i.ServiceLineId, i.PerformedByTeamId ?? Guid.Empty).Invited += 1;
        }

        var ratings =
            from r in db.Ratings.AsNoTracking()
            join i in db.SurveyInvitations on r.InvitationId equals i.Id
            select new
            {
                r.SubmittedAt,
                r.ClientId,
                r.ServiceLineId,
                r.TeamId,
                InvitedAt = i.CreatedAt,
                Scores = new RatingScores(r.Overall, r.Reliability, r.Responsiveness, r.FeelingValued, r.Empathy, r.Competency, r.LikelihoodToRecommend),
            };
        await foreach (var r in ratings.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var (day, team) = (InsightMeasures.DayOf(r.SubmittedAt), r.TeamId ?? Guid.Empty);
            InsightMeasures.Add(Day(day, r.ClientId, r.ServiceLineId, team), InsightMeasures.Of(r.Scores));
            Day(InsightMeasures.DayOf(r.InvitedAt), r.ClientId, r.ServiceLineId, team).Responded += 1;
            if (InsightMeasures.IsPoor(r.Scores.Overall))
            {
                var key = (day, r.SubmittedAt.UtcDateTime.Hour, r.ClientId, r.ServiceLineId, team);
                poor[key] = poor.GetValueOrDefault(key) + 1;
            }
        }

        var named =
            from c in db.RatingFailureCategories.AsNoTracking()
            join r in db.Ratings on c.RatingId equals r.Id
            select new { r.SubmittedAt, r.ClientId, r.ServiceLineId, r.TeamId, c.FailureCategoryId };
        await foreach (var c in named.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var key = (InsightMeasures.DayOf(c.SubmittedAt), c.ClientId, c.ServiceLineId, c.TeamId ?? Guid.Empty, c.FailureCategoryId);
            failures[key] = failures.GetValueOrDefault(key) + 1;
        }

        // The company's own rows (client Guid.Empty), as InsightRollupWriter adds them.
        foreach (var row in days.Values.ToList())
        {
            InsightMeasures.Add(Day(row.Day, Guid.Empty, Guid.Empty, Guid.Empty), row);
        }

        foreach (var ((day, hour, _, _, _), count) in poor.ToList())
        {
            poor[(day, hour, Guid.Empty, Guid.Empty, Guid.Empty)] = poor.GetValueOrDefault((day, hour, Guid.Empty, Guid.Empty, Guid.Empty)) + count;
        }

        foreach (var ((day, _, line, _, category), count) in failures.ToList())
        {
            failures[(day, Guid.Empty, line, Guid.Empty, category)] = failures.GetValueOrDefault((day, Guid.Empty, line, Guid.Empty, category)) + count;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.InsightDays.ExecuteDeleteAsync(ct);
            await db.InsightPoorHours.ExecuteDeleteAsync(ct);
            await db.InsightFailures.ExecuteDeleteAsync(ct);
            await InsertAsync(days.Values, ct);
            await InsertAsync(poor.Select(p => new InsightPoorHour { Day = p.Key.Item1, Hour = p.Key.Item2, ClientId = p.Key.Item3, ServiceLineId = p.Key.Item4, TeamId = p.Key.Item5, Ratings = p.Value }), ct);
            await InsertAsync(failures.Select(f => new InsightFailure { Day = f.Key.Item1, ClientId = f.Key.Item2, ServiceLineId = f.Key.Item3, TeamId = f.Key.Item4, FailureCategoryId = f.Key.Item5, Ratings = f.Value }), ct);
            await transaction.CommitAsync(ct);
        }, cancellationToken);
        logger.LogInformation("Dashboard rollups rebuilt: {Days} day rows, {PoorHours} poor-hour rows, {Failures} failure rows in {Elapsed} ms",
            days.Count, poor.Count, failures.Count, started.ElapsedMilliseconds);
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
