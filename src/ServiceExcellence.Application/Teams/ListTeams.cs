using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Teams;

public static class ListTeams
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(string? Search = null, int Page = 1, int PageSize = 25) : IQuery<PagedList<Row>>;

    public sealed record Row(Guid Id, string Name, TeamKind Kind, string? Manager, int Members);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, PagedList<Row>>
    {
        public async ValueTask<PagedList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var teams = db.Teams.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                teams = teams.Where(t => t.Name.Contains(term));
            }

            var rows = teams
                .OrderBy(t => t.Name)
                .Select(t => new Row(
                    t.Id,
                    t.Name,
                    t.Kind,
                    db.People.Where(p => p.Id == t.ManagerId).Select(p => p.DisplayName).FirstOrDefault(),
                    t.Members.Count));
            return await PagedList<Row>.CreateAsync(rows, query.Page, query.PageSize, cancellationToken);
        }
    }
}
