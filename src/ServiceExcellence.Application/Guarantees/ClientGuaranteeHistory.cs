using Mediator;
using Microsoft.EntityFrameworkCore;
using ServiceExcellence.Application.Common.Exceptions;
using ServiceExcellence.Application.Common.Interfaces;
using ServiceExcellence.Domain.Guarantees;

namespace ServiceExcellence.Application.Guarantees;

/// <summary>Every guarantee a client has invoked, newest first, with what it cost.</summary>
public static class ClientGuaranteeHistory
{
    public sealed record Query(Guid ClientId) : IQuery<Model>;

    public sealed record Model(Guid ClientId, string Client, string? Segment, decimal AnnualRevenue, DateTimeOffset Now,
        IReadOnlyList<ListGuarantees.Row> Invocations, IReadOnlyList<GuaranteeFigures.Money> Credited);

    public sealed class Handler(IAppDbContext db, GuaranteeAccess access, TimeProvider clock) : IQueryHandler<Query, Model>
    {
        public async ValueTask<Model> Handle(Query query, CancellationToken cancellationToken)
        {
            access.EnsureCanRead();
            var client = await db.Clients.AsNoTracking().Where(c => c.Id == query.ClientId)
                .Select(c => new { c.Id, c.Name, c.Segment, c.AnnualRevenue }).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("The client");
            var rows = await RowsAsync(db, query.ClientId, cancellationToken);
            return new Model(client.Id, client.Name, client.Segment, client.AnnualRevenue, clock.GetUtcNow(), rows, CreditedOf(rows));
        }
    }

    internal static async Task<List<ListGuarantees.Row>> RowsAsync(IAppDbContext db, Guid clientId, CancellationToken cancellationToken) =>
        (await ListGuarantees.RowsOf(db, db.GuaranteeInvocations.Where(g => g.ClientId == clientId)).ToListAsync(cancellationToken))
            .OrderByDescending(r => r.CreatedAt).ToList();

    /// <summary>The credit issued: settled invocations only, per currency.</summary>
    internal static List<GuaranteeFigures.Money> CreditedOf(IEnumerable<ListGuarantees.Row> rows) =>
        rows.Where(r => r.Status == GuaranteeStatus.Settled && r.Credit is not null)
            .GroupBy(r => r.Currency)
            .Select(g => new GuaranteeFigures.Money(g.Sum(r => r.Credit!.Value), g.Key))
            .OrderBy(m => m.Currency, StringComparer.Ordinal)
            .ToList();
}
