using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.ServiceLines;

public static class ListServiceLines
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(string? Search = null, int Page = 1, int PageSize = 25) : IQuery<PagedList<Row>>;

    public sealed record Row(Guid Id, string Code, string Name, Guid OwnerTeamId, string OwnerTeam);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, PagedList<Row>>
    {
        public async ValueTask<PagedList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var lines = db.ServiceLines.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                var code = term.ToUpperInvariant();
                lines = lines.Where(s => s.Name.Contains(term) || s.Code.Contains(code));
            }

            var rows = lines
                .OrderBy(s => s.Code)
                .Select(s => new Row(
                    s.Id,
                    s.Code,
                    s.Name,
                    s.OwnerTeamId,
                    db.Teams.Where(t => t.Id == s.OwnerTeamId).Select(t => t.Name).First()));
            return await PagedList<Row>.CreateAsync(rows, query.Page, query.PageSize, cancellationToken);
        }
    }
}
