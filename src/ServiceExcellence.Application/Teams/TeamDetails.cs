using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;
using ServiceExcellence.Domain.Teams;

namespace ServiceExcellence.Application.Teams;

/// <summary>A team with its members and what it owns: clients for a client team, service lines for an operations team.</summary>
public static class TeamDetails
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Model>;

    public sealed record Model(
        Guid Id, string Name, TeamKind Kind, Guid? ManagerId, string? Manager,
        IReadOnlyList<MemberRow> Members, IReadOnlyList<OwnedRow> Clients, IReadOnlyList<OwnedRow> ServiceLines);

    public sealed record MemberRow(Guid PersonId, string Name, string Email, StaffRole Role, bool IsActive);

    public sealed record OwnedRow(Guid Id, string? Code, string Name);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var team = await db.Teams.AsNoTracking()
                .Where(t => t.Id == query.Id)
                .Select(t => new
                {
                    t.Id,
                    t.Name,
                    t.Kind,
                    t.ManagerId,
                    Manager = db.People.Where(p => p.Id == t.ManagerId).Select(p => p.DisplayName).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The team");

            // Separate queries: SQLite cannot run correlated collection subqueries (no APPLY).
            var members = await db.TeamMemberships.AsNoTracking()
                .Where(m => m.TeamId == team.Id)
                .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => p)
                .OrderBy(p => p.DisplayName)
                .Select(p => new MemberRow(p.Id, p.DisplayName, p.Email, p.Role, p.IsActive))
                .ToListAsync(cancellationToken);
            var clients = await db.Clients.AsNoTracking()
                .Where(c => c.ClientTeamId == team.Id)
                .OrderBy(c => c.Name)
                .Select(c => new OwnedRow(c.Id, c.ExternalId, c.Name))
                .ToListAsync(cancellationToken);
            var serviceLines = await db.ServiceLines.AsNoTracking()
                .Where(s => s.OwnerTeamId == team.Id)
                .OrderBy(s => s.Code)
                .Select(s => new OwnedRow(s.Id, s.Code, s.Name))
                .ToListAsync(cancellationToken);
            return new Model(team.Id, team.Name, team.Kind, team.ManagerId, team.Manager, members, clients, serviceLines);
        }
    }
}
