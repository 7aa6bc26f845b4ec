using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Domain.Alerts;

namespace ServiceExcellence.Application.Alerts;

/// <summary>The counts beside "Alerts" in the navigation: open alerts the person may see, and how many of them are overdue.</summary>
public static class CountOpenAlerts
{
    public sealed record Query : IQuery<Counts>;

    public sealed record Counts(int Open, int Overdue, int Mine);

    public sealed class Handler(AlertAccess access, TimeProvider clock) : IQueryHandler<Query, Counts>
    {
        public async ValueTask<Counts> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var open = (await access.VisibleAsync(cancellationToken)).AsNoTracking()
                .Where(a => a.Status == AlertStatus.New || a.Status == AlertStatus.Acknowledged || a.Status == AlertStatus.Recovering);
            var me = access.ActorId;

            // The three counts in one pass over the open alerts the person may see, rather than three.
            var counts = await open
                .GroupBy(a => 1)
                .Select(g => new
                {
                    Open = g.Count(),
                    Overdue = g.Count(a => (a.Status == AlertStatus.New && a.AcknowledgeBy < now) || a.ResolveBy < now),
                    Mine = g.Count(a => a.AssigneeId == me),
                })
                .FirstOrDefaultAsync(cancellationToken);
            return counts is null ? new Counts(0, 0, 0) : new Counts(counts.Open, counts.Overdue, counts.Mine);
        }
    }
}
