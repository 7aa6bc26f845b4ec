using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Infrastructure.Persistence;

/// <summary>
/// Keeps <see cref="AlertRouting.AlertStatus"/> in step with the alert's status when the routes were not loaded
/// with the alert (the usual case: a status change reads the alert alone): one UPDATE per alert whose status
/// changed, in the same save.
/// </summary>
internal sealed class AlertRouteStatus
{
    private readonly List<(Guid AlertId, AlertStatus Status)> _changes;

    private AlertRouteStatus(List<(Guid AlertId, AlertStatus Status)> changes) => _changes = changes;

    public bool IsEmpty => _changes.Count == 0;

    /// <summary>Reads the pending status changes; call after change detection and before they are saved.</summary>
    public static AlertRouteStatus Collect(AppDbContext db) =>
        new([.. db.ChangeTracker.Entries<Alert>()
            .Where(e => e.State == EntityState.Modified && e.Property(a => a.Status).IsModified)
            .Select(e => (e.Entity.Id, e.Entity.Status))]);

    public async Task ApplyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var (alertId, status) in _changes)
        {
            await db.AlertRoutes.Where(r => r.AlertId == alertId && r.AlertStatus != status)
                .ExecuteUpdateAsync(set => set.SetProperty(r => r.AlertStatus, status), cancellationToken);
        }
    }
}
