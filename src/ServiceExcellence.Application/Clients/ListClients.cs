using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Clients;

public static class ListClients
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(string? Search = null, Guid? TeamId = null, int Page = 1, int PageSize = 25) : IQuery<PagedList<Row>>;

    public sealed record Row(Guid Id, string Name, string? ExternalId, string? Segment, decimal AnnualRevenue, string ClientTeam, int Contacts, bool ExcludedFromSurveys);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, PagedList<Row>>
    {
        public async ValueTask<PagedList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var clients = db.Clients.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                clients = clients.Where(c => c.Name.Contains(term) || (c.ExternalId != null && c.ExternalId.Contains(term)));
            }

            if (query.TeamId is { } teamId)
            {
                clients = clients.Where(c => c.ClientTeamId == teamId);
            }

            var rows = clients
                .OrderBy(c => c.Name)
                .Select(c => new Row(
                    c.Id,
                    c.Name,
                    c.ExternalId,
                    c.Segment,
                    c.AnnualRevenue,
                    db.Teams.Where(t => t.Id == c.ClientTeamId).Select(t => t.Name).First(),
                    c.Contacts.Count,
                    c.ExcludedFromSurveys));
            return await PagedList<Row>.CreateAsync(rows, query.Page, query.PageSize, cancellationToken);
        }
    }
}
