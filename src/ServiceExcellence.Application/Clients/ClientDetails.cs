using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Application.Common.Security;
using ServiceExcellence.Domain.People;

namespace ServiceExcellence.Application.Clients;

public static class ClientDetails
{
    [RequiresRole(StaffRole.Administrator)]
    public sealed record Query(Guid Id) : IQuery<Model>;

    public sealed record Model(
        Guid Id, string Name, string? ExternalId, string? Segment, decimal AnnualRevenue, string ClientTeam,
        bool ExcludedFromSurveys, int TransactionCount, IReadOnlyList<ContactRow> Contacts);

    public sealed record ContactRow(Guid Id, string Name, string? Email, string Language, bool OptedOut, DateTimeOffset? LastSurveyedAt, DateTimeOffset? ErasedAt);

    public sealed class Handler(IAppDbContext db) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            var model = await db.Clients.AsNoTracking()
                .Where(c => c.Id == query.Id)
                .Select(c => new Model(
                    c.Id, c.Name, c.ExternalId, c.Segment, c.AnnualRevenue,
                    db.Teams.Where(t => t.Id == c.ClientTeamId).Select(t => t.Name).First(),
                    c.ExcludedFromSurveys,
                    db.Transactions.Count(t => t.ClientId == c.Id),
                    c.Contacts.OrderBy(k => k.Name)
                        .Select(k => new ContactRow(k.Id, k.Name, k.Email, k.Language, k.OptedOut, k.LastSurveyedAt, k.ErasedAt))
                        .ToList()))
                .SingleOrDefaultAsync(cancellationToken);
            return model ?? throw new NotFoundException("The client");
        }
    }
}
