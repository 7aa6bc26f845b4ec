using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Models;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.People;

public static class ListPeople
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(string? Search = null, int Page = 1, int PageSize = 25) : IQuery<PagedList<Row>>;

    public sealed record Row(Guid Id, string Name, string Email, StaffRole Role, bool IsActive, IReadOnlyList<string> Teams);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, PagedList<Row>>
    {
        public async ValueTask<PagedList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            var people = db.People.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.Search))
            {
                var term = query.Search.Trim();
                var email = term.ToLowerInvariant();
                people = people.Where(p => p.DisplayName.Contains(term) || p.Email.Contains(email));
            }

            var rows = people
                .OrderBy(p => p.DisplayName)
                .Select(p => new Row(p.Id, p.DisplayName, p.Email, p.Role, p.IsActive, Array.Empty<string>()));
            var page = await PagedList<Row>.CreateAsync(rows, query.Page, query.PageSize, cancellationToken);

            // The teams of the people on this page, in a second query: SQLite cannot page a correlated collection (no APPLY).
            var ids = page.Items.Select(r => r.Id).ToList();
            var memberships = await db.TeamMemberships.AsNoTracking()
                .Where(m => ids.Contains(m.PersonId))
                .Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => new { m.PersonId, t.Name })
                .ToListAsync(cancellationToken);
            var teams = memberships.ToLookup(m => m.PersonId, m => m.Name);
            return page with { Items = page.Items.Select(r => r with { Teams = teams[r.Id].Order(StringComparer.CurrentCulture).ToList() }).ToList() };
        }
    }
}
