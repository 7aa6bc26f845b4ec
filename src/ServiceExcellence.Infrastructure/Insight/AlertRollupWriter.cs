using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.Insight;
using ServiceExcellence.Domain.Ratings;
using ServiceExcellence.Infrastructure.Persistence;

namespace ServiceExcellence.Infrastructure.Insight;

/// <summary>
/// Keeps the dashboards' alert rollups (<see cref="InsightAlertDay"/>, <see cref="InsightAlertCategory"/>) in step
/// with the alerts being saved. Every alert the save touches — raised, acknowledged, resolved, reopened, closed,
/// routed to another team, or whose rating names other failure categories — subtracts what it contributed before
/// the save (its original values, routes and categories as the database holds them) and adds what it contributes
/// after. The deltas are applied as additive upserts in the save's own transaction, so concurrent saves add up.
/// </summary>
internal sealed class AlertRollupWriter
{
    private readonly Dictionary<(int Day, AlertRollupScope Scope, Guid Id), InsightAlertDay> _days = [];
    private readonly Dictionary<(int Period, int Day, AlertRollupScope Scope, Guid Id, Guid Category, Guid Client, decimal Revenue), long> _categories = [];

    public bool IsEmpty => _days.Values.All(d => d.IsZero) && _categories.Values.All(c => c == 0);

    /// <summary>
    /// Reads the pending changes; call after change detection and before they are saved. The caller
    /// (<see cref="AppDbContext"/>'s save) turns automatic detection off meanwhile, so reading the entries does not
    /// detect the changes again (a full pass each time, which made a batch of 1,000 transactions quadratic).
    /// </summary>
    public static async Task<AlertRollupWriter> CollectAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var writer = new AlertRollupWriter();
        var tracked = db.ChangeTracker.Entries<Alert>().ToDictionary(e => e.Entity.Id);
        var routeChanges = db.ChangeTracker.Entries<AlertRouting>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList();
        var categoryChanges = db.ChangeTracker.Entries<RatingFailureCategory>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList();
        var alertChanges = tracked.Values.Where(e => e.State is EntityState.Added or EntityState.Deleted
            || (e.State == EntityState.Modified && !Equals(Facts(e, original: true), Facts(e, original: false)))).ToList();
        if (alertChanges.Count == 0 && routeChanges.Count == 0 && categoryChanges.Count == 0)
        {
            return writer;
        }

        // New ratings have no alerts in the database yet: only existing ratings whose categories change are looked up.
        var newRatings = db.ChangeTracker.Entries<Rating>().Where(e => e.State == EntityState.Added).Select(e => e.Entity.Id).ToHashSet();
        var changedRatings = categoryChanges.Select(e => e.Entity.RatingId).Where(id => !newRatings.Contains(id)).Distinct().ToList();
        var alertsOfChangedRatings = changedRatings.Count == 0
            ? []
            : await db.Alerts.AsNoTracking().Where(a => a.RatingId != null && changedRatings.Contains(a.RatingId.Value)).ToListAsync(cancellationToken);

        // Every alert involved: (facts before the save or null when new, facts after the save or null when deleted).
        var involved = new Dictionary<Guid, (AlertFacts? Before, AlertFacts? After)>();
        foreach (var entry in alertChanges)
        {
            involved[entry.Entity.Id] = Change(entry);
        }

        foreach (var alertId in routeChanges.Select(e => e.Entity.AlertId).Distinct().Where(id => !involved.ContainsKey(id)))
        {
            if (tracked.TryGetValue(alertId, out var entry))
            {
                involved[alertId] = Change(entry);
            }
            else if (await db.Alerts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken) is { } stored)
            {
                involved[alertId] = (AlertFacts.Of(stored), AlertFacts.Of(stored));
            }
        }

        foreach (var stored in alertsOfChangedRatings.Where(a => !involved.ContainsKey(a.Id)))
        {
            involved[stored.Id] = tracked.TryGetValue(stored.Id, out var entry) ? Change(entry) : (AlertFacts.Of(stored), AlertFacts.Of(stored));
        }

        // The routes and categories as the database holds them before the save, in one query each.
        var existing = involved.Where(i => i.Value.Before is not null).Select(i => i.Key).ToList();
        var storedRoutes = existing.Count == 0
            ? Array.Empty<(Guid, Guid)>().ToLookup(r => r.Item1, r => r.Item2)
            : (await db.AlertRoutes.AsNoTracking().Where(r => existing.Contains(r.AlertId)).Select(r => new { r.AlertId, r.TeamId }).ToListAsync(cancellationToken))
                .ToLookup(r => r.AlertId, r => r.TeamId);
        var ratingIds = involved.Values.SelectMany(i => new[] { i.Before?.RatingId, i.After?.RatingId })
            .OfType<Guid>().Where(id => !newRatings.Contains(id)).Distinct().ToList();
        var storedCategories = ratingIds.Count == 0
            ? Array.Empty<(Guid, Guid)>().ToLookup(r => r.Item1, r => r.Item2)
            : (await db.RatingFailureCategories.AsNoTracking().Where(c => ratingIds.Contains(c.RatingId)).ToListAsync(cancellationToken))
                .ToLookup(c => c.RatingId, c => c.FailureCategoryId);

        List<Guid> After(ILookup<Guid, Guid> stored, Guid key, IEnumerable<EntityEntry> changes, Func<object, (Guid Key, Guid Value)> pair)
        {
            var values = stored[key].ToList();
            foreach (var change in changes)
            {
                var (k, v) = pair(change.Entity);
                if (k == key)
                {
                    if (change.State == EntityState.Added)
                    {
                        values.Add(v);
                    }
                    else
                    {
                        values.Remove(v);
                    }
                }
            }

            return values.Distinct().ToList();
        }

        static (Guid, Guid) Route(object r) => (((AlertRouting)r).AlertId, ((AlertRouting)r).TeamId);
        static (Guid, Guid) Category(object c) => (((RatingFailureCategory)c).RatingId, ((RatingFailureCategory)c).FailureCategoryId);

        foreach (var (alertId, (before, after)) in involved)
        {
            if (before is not null)
            {
                writer.Add(before, storedRoutes[alertId].ToList(), before.RatingId is { } r ? storedCategories[r].ToList() : [], -1);
            }

            if (after is not null)
            {
                var teams = After(storedRoutes, alertId, routeChanges, Route);
                var categories = after.RatingId is { } rating ? After(storedCategories, rating, categoryChanges, Category) : [];
                writer.Add(after, teams, categories, 1);
            }
        }

        return writer;
    }

    /// <summary>What one alert, with its teams and its rating's categories, adds to (sign 1) or takes from (−1) the rollups.</summary>
    internal void Add(AlertFacts alert, IReadOnlyCollection<Guid> teams, IReadOnlyCollection<Guid> categories, int sign)
    {
        var contribution = InsightAlertDay.Of(alert);
        var (day, month) = (alert.Day, InsightAlertCategory.MonthOf(alert.Day));
        foreach (var (scope, id) in alert.Scopes(teams))
        {
            if (!_days.TryGetValue((day, scope, id), out var row))
            {
                _days[(day, scope, id)] = row = new InsightAlertDay { Day = day, Scope = scope, ScopeId = id };
            }

            row.Add(contribution, sign);
            if (alert.ClientId is not { } client)
            {
                continue;
            }

            foreach (var category in categories)
            {
                foreach (var key in new[]
                {
                    (InsightAlertCategory.DayPeriod, day, scope, id, category, client, alert.RevenueAtRisk),
                    (InsightAlertCategory.MonthPeriod, month, scope, id, category, client, alert.RevenueAtRisk),
                })
                {
                    _categories[key] = _categories.GetValueOrDefault(key) + sign;
                }
            }
        }
    }

    internal IEnumerable<InsightAlertDay> Days => _days.Values.Where(d => !d.IsZero);

    internal IEnumerable<InsightAlertCategory> Categories => _categories.Where(c => c.Value != 0).Select(c => new InsightAlertCategory
    {
        Period = c.Key.Period,
        Day = c.Key.Day,
        Scope = c.Key.Scope,
        ScopeId = c.Key.Id,
        FailureCategoryId = c.Key.Category,
        ClientId = c.Key.Client,
        RevenueAtRisk = c.Key.Revenue,
        Alerts = c.Value,
    });

    public async Task ApplyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var batch = new RollupBatch(db);
        foreach (var d in Days)
        {
            await batch.UpsertAsync("InsightAlertDays",
                [("Day", d.Day), ("Scope", (int)d.Scope), ("ScopeId", d.ScopeId)],
                [("Raised", d.Raised), ("Acknowledged", d.Acknowledged), ("AcknowledgeMilliseconds", d.AcknowledgeMilliseconds),
                    ("AcknowledgedInTime", d.AcknowledgedInTime), ("Resolved", d.Resolved), ("ResolveMilliseconds", d.ResolveMilliseconds),
                    ("ResolvedInTime", d.ResolvedInTime), ("RevenueAtRisk", d.RevenueAtRisk)], cancellationToken);
        }

        foreach (var c in Categories)
        {
            await batch.UpsertAsync("InsightAlertCategories",
                [("Period", c.Period), ("Day", c.Day), ("Scope", (int)c.Scope), ("ScopeId", c.ScopeId), ("FailureCategoryId", c.FailureCategoryId),
                    ("ClientId", c.ClientId), ("RevenueAtRisk", c.RevenueAtRisk)],
                [("Alerts", c.Alerts)], cancellationToken);
        }

        await batch.FlushAsync(cancellationToken);
    }

    private static (AlertFacts? Before, AlertFacts? After) Change(EntityEntry<Alert> entry) => entry.State switch
    {
        EntityState.Added => (null, Facts(entry, original: false)),
        EntityState.Deleted => (Facts(entry, original: true), null),
        _ => (Facts(entry, original: true), Facts(entry, original: false)),
    };

    private static AlertFacts Facts(EntityEntry<Alert> entry, bool original)
    {
        T Value<T>(string name)
        {
            var property = entry.Property(name);
            return (T)(original ? property.OriginalValue : property.CurrentValue)!;
        }

        return new AlertFacts(entry.Entity.Id, Value<Guid?>(nameof(Alert.ClientId)), Value<Guid?>(nameof(Alert.ServiceLineId)),
            Value<Guid?>(nameof(Alert.RatingId)), Value<decimal>(nameof(Alert.RevenueAtRisk)), Value<DateTimeOffset>(nameof(Alert.CreatedAt)),
            Value<DateTimeOffset>(nameof(Alert.AcknowledgeBy)), Value<DateTimeOffset>(nameof(Alert.ResolveBy)),
            Value<DateTimeOffset?>(nameof(Alert.AcknowledgedAt)), Value<DateTimeOffset?>(nameof(Alert.ResolvedAt)));
    }
}
