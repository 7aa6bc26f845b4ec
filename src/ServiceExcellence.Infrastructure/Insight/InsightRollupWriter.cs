using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Insight;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Domain.Surveys;
using ServiceExcellence.Domain.Transactions;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Insight;

/// <summary>
/// Keeps the dashboards' daily rollups in step with the ratings and invitations being saved: called by
/// <see cref="AppDbContext"/> when it saves, it turns the tracked changes into additive deltas (a new rating
/// adds its contribution; an edited one adds the new answer's and subtracts the old one's) and applies them as
/// upserts (<c>INSERT … ON CONFLICT DO UPDATE</c> on SQLite, <c>MERGE … HOLDLOCK</c> on SQL Server) — one
/// statement batch, in the command's own transaction, race-free because the addition happens in the database.
/// </summary>
internal sealed class InsightRollupWriter
{
    private readonly Dictionary<(int Day, Guid Client, Guid Line, Guid Team), InsightDay> _days = [];
    private readonly Dictionary<(int Day, int Hour, Guid Client, Guid Line, Guid Team), long> _poorHours = [];
    private readonly Dictionary<(int Day, Guid Client, Guid Line, Guid Team, Guid Category), long> _failures = [];

    public bool IsEmpty => _days.Count == 0 && _poorHours.Count == 0 && _failures.Count == 0;

    /// <summary>
    /// Reads the pending changes; call after change detection and before they are saved. The caller
    /// (<see cref="AppDbContext"/>'s save) turns automatic detection off meanwhile, so reading the entries does not
    /// detect the changes again (a full pass each time, which made a batch of 1,000 transactions quadratic).
    /// </summary>
    public static async Task<InsightRollupWriter> CollectAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var writer = new InsightRollupWriter();
        var ratings = db.ChangeTracker.Entries<Rating>().Where(e => e.State is EntityState.Added or EntityState.Modified).ToList();
        foreach (var entry in ratings)
        {
            var r = entry.Entity;
            var key = (InsightMeasures.DayOf(r.SubmittedAt), r.ClientId, r.ServiceLineId, r.TeamId ?? Guid.Empty);
            var now = RatingScores.Of(r);
            if (entry.State == EntityState.Added)
            {
                writer.AddDay(key, InsightMeasures.Of(now), 1);
                writer.AddPoor(key, r.SubmittedAt, InsightMeasures.IsPoor(now.Overall) ? 1 : 0);
                var invitedAt = db.ChangeTracker.Entries<SurveyInvitation>().FirstOrDefault(i => i.Entity.Id == r.InvitationId)?.Entity.CreatedAt
                    ?? await db.SurveyInvitations.Where(i => i.Id == r.InvitationId).Select(i => (DateTimeOffset?)i.CreatedAt).SingleOrDefaultAsync(cancellationToken);
                if (invitedAt is { } at)
                {
                    writer.Day((InsightMeasures.DayOf(at), key.ClientId, key.ServiceLineId, key.Item4)).Responded += 1;
                }

                continue;
            }

            var before = new RatingScores(
                Original<int>(entry, nameof(Rating.Overall)), Original<int?>(entry, nameof(Rating.Reliability)),
                Original<int?>(entry, nameof(Rating.Responsiveness)), Original<int?>(entry, nameof(Rating.FeelingValued)),
                Original<int?>(entry, nameof(Rating.Empathy)), Original<int?>(entry, nameof(Rating.Competency)),
                Original<int?>(entry, nameof(Rating.LikelihoodToRecommend)));
            if (before != now)
            {
                writer.AddDay(key, InsightMeasures.Of(now), 1);
                writer.AddDay(key, InsightMeasures.Of(before), -1);
                writer.AddPoor(key, r.SubmittedAt, (InsightMeasures.IsPoor(now.Overall) ? 1 : 0) - (InsightMeasures.IsPoor(before.Overall) ? 1 : 0));
            }
        }

        foreach (var entry in db.ChangeTracker.Entries<RatingFailureCategory>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList())
        {
            var c = entry.Entity;
            var rating = db.ChangeTracker.Entries<Rating>().FirstOrDefault(r => r.Entity.Id == c.RatingId)?.Entity
                ?? await db.Ratings.AsNoTracking().SingleOrDefaultAsync(r => r.Id == c.RatingId, cancellationToken);
            if (rating is null)
            {
                continue;
            }

            var key = (InsightMeasures.DayOf(rating.SubmittedAt), rating.ClientId, rating.ServiceLineId, rating.TeamId ?? Guid.Empty, c.FailureCategoryId);
            writer._failures[key] = writer._failures.GetValueOrDefault(key) + (entry.State == EntityState.Added ? 1 : -1);
        }

        var addedTransactions = db.ChangeTracker.Entries<Transaction>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        var trackedTransactions = db.ChangeTracker.Entries<Transaction>().Select(e => e.Entity).ToDictionary(t => t.Id);
        foreach (var t in addedTransactions)
        {
            writer.Day((InsightMeasures.DayOf(t.OccurredAt), t.ClientId, t.ServiceLineId, t.PerformedByTeamId ?? Guid.Empty)).Transactions += 1;
        }

        foreach (var entry in db.ChangeTracker.Entries<SurveyInvitation>().Where(e => e.State == EntityState.Added && e.Entity.Status != InvitationStatus.Suppressed).ToList())
        {
            var i = entry.Entity;
            var t = trackedTransactions.GetValueOrDefault(i.TransactionId);
            var keys = t is not null
                ? new { t.ClientId, t.ServiceLineId, t.PerformedByTeamId }
                : await db.Transactions.Where(x => x.Id == i.TransactionId).Select(x => new { x.ClientId, x.ServiceLineId, x.PerformedByTeamId }).SingleOrDefaultAsync(cancellationToken);
            if (keys is not null)
            {
                writer.Day((InsightMeasures.DayOf(i.CreatedAt), keys.ClientId, keys.ServiceLineId, keys.PerformedByTeamId ?? Guid.Empty)).Invited += 1;
            }
        }

        writer.AddCompanyRows();
        return writer;
    }

    /// <summary>
    /// The company's own rows (client <see cref="Guid.Empty"/>): the same deltas summed over clients, lines and teams
    /// (failures keep their line, for the by-line table), so the company dashboard reads one row per day.
    /// </summary>
    private void AddCompanyRows()
    {
        foreach (var ((day, _, _, _), delta) in _days.ToList())
        {
            InsightMeasures.Add(Day((day, Guid.Empty, Guid.Empty, Guid.Empty)), delta);
        }

        foreach (var ((day, hour, _, _, _), count) in _poorHours.ToList())
        {
            var key = (day, hour, Guid.Empty, Guid.Empty, Guid.Empty);
            _poorHours[key] = _poorHours.GetValueOrDefault(key) + count;
        }

        foreach (var ((day, _, line, _, category), count) in _failures.ToList())
        {
            var key = (day, Guid.Empty, line, Guid.Empty, category);
            _failures[key] = _failures.GetValueOrDefault(key) + count;
        }
    }

    public async Task ApplyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var batch = new RollupBatch(db);
        var measures = InsightMeasures.All;
        foreach (var ((day, client, line, team), delta) in _days.Where(d => !InsightMeasures.IsZero(d.Value)))
        {
            await batch.UpsertAsync("InsightDays",
                [("Day", day), ("ClientId", client), ("ServiceLineId", line), ("TeamId", team)],
                measures.Select(m => (m.Name, (object)m.Get(delta))).ToList(), cancellationToken);
        }

        foreach (var ((day, hour, client, line, team), count) in _poorHours.Where(h => h.Value != 0))
        {
            await batch.UpsertAsync("InsightPoorHours",
                [("Day", day), ("Hour", hour), ("ClientId", client), ("ServiceLineId", line), ("TeamId", team)],
                [("Ratings", count)], cancellationToken);
        }

        foreach (var ((day, client, line, team, category), count) in _failures.Where(f => f.Value != 0))
        {
            await batch.UpsertAsync("InsightFailures",
                [("Day", day), ("ClientId", client), ("ServiceLineId", line), ("TeamId", team), ("FailureCategoryId", category)],
                [("Ratings", count)], cancellationToken);
        }

        await batch.FlushAsync(cancellationToken);
    }

    private InsightDay Day((int, Guid, Guid, Guid) key)
    {
        if (!_days.TryGetValue(key, out var day))
        {
            _days[key] = day = new InsightDay();
        }

        return day;
    }

    private void AddDay((int, Guid, Guid, Guid) key, InsightDay contribution, int sign) => InsightMeasures.Add(Day(key), contribution, sign);

    private void AddPoor((int Day, Guid Client, Guid Line, Guid Team) key, DateTimeOffset at, int delta)
    {
        if (delta != 0)
        {
            var hourKey = (key.Day, at.UtcDateTime.Hour, key.Client, key.Line, key.Team);
            _poorHours[hourKey] = _poorHours.GetValueOrDefault(hourKey) + delta;
        }
    }

    private static T Original<T>(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Rating> entry, string property) =>
        (T)entry.Property(property).OriginalValue!;
}
