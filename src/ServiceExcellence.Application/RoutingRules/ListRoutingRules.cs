using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.Alerts;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.RoutingRules;

/// <summary>Every routing rule, with which alerts it matches in words; the fallback last.</summary>
public static class ListRoutingRules
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(Guid Id, Guid Version, RoutingMatch Match, string When, Guid TeamId, string Team, bool ReplacesDefaults);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var rules = await (
                from r in db.RoutingRules.AsNoTracking()
                join t in db.Teams on r.TeamId equals t.Id
                select new { r.Id, r.Version, r.Match, r.Value, r.TeamId, Team = t.Name, r.ReplacesDefaults })
                .ToListAsync(cancellationToken);
            var serviceLines = await db.ServiceLines.AsNoTracking().ToDictionaryAsync(s => s.Code, s => s.Name, cancellationToken);
            return rules
                .OrderBy(r => r.Match).ThenBy(r => r.Value, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.Team)
                .Select(r => new Row(r.Id, r.Version, r.Match, When(r.Match, r.Value, serviceLines), r.TeamId, r.Team, r.ReplacesDefaults))
                .ToList();
        }

        private static string When(RoutingMatch match, string value, Dictionary<string, string> serviceLines) => match switch
        {
            RoutingMatch.ClientSegment => $"The client's segment is {value}",
            RoutingMatch.ServiceLine => serviceLines.TryGetValue(value, out var name)
                ? $"The service line is {value} ({name})"
                : $"The service line is {value} (no longer exists)",
            RoutingMatch.FailureCategory => $"The rating names the failure category “{value}”",
            RoutingMatch.Fallback => "No default team and no other rule routed the alert",
            _ => $"{match} = {value}",
        };
    }
}
