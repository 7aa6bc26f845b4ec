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
            return new Counts(
                await open.CountAsync(cancellationToken),
                await open.CountAsync(a => (a.Status == AlertStatus.New && a.AcknowledgeBy < now) || a.ResolveBy < now, cancellationToken),
                await open.CountAsync(a => a.AssigneeId == me, cancellationToken));
        }
    }
}
