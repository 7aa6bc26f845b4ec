using Mediator;

namespace ServiceExcellence.Application.Alerts;

/// <summary>The counts beside "Alerts" in the navigation: open alerts the person may see, how many of them are overdue, and how many are theirs.</summary>
public static class CountOpenAlerts
{
    public sealed record Query : IQuery<OpenAlertCounts>;

    public sealed class Handler(AlertAccess access) : IQueryHandler<Query, OpenAlertCounts>
    {
        public async ValueTask<OpenAlertCounts> Handle(Query query, CancellationToken cancellationToken) =>
            await access.OpenCountsAsync(cancellationToken);
    }
}
